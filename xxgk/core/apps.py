from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "xxgk.core"
    label = "core"

    def ready(self):
        from xxgk.core import checks  # noqa: F401  registers the deploy checks
