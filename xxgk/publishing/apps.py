from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "xxgk.publishing"
    label = "publishing"

    def ready(self) -> None:
        from xxgk.publishing import rules  # noqa: F401  (registers the policy rules)
