from django.apps import AppConfig


class FoiConfig(AppConfig):
    name = "xxgk.foi"
    label = "foi"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from xxgk.foi import rules  # noqa: F401  (registers the policy rules)
