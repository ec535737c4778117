from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "xxgk.org"
    label = "org"

    def ready(self) -> None:
        from xxgk.org import rules  # noqa: F401  (registers the policy rules)
