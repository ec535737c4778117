from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "xxgk.oversight"
    label = "oversight"
    verbose_name = "监督与评议"

    def ready(self) -> None:
        from xxgk.oversight import rules, todo  # noqa: F401  (registers the policy rules and the to-do sources)
