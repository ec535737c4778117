from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "xxgk.api"
    label = "api"
    verbose_name = "开放接口"

    def ready(self) -> None:
        from xxgk.api import rules  # noqa: F401  (registers the policy rule for tokens)
