from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "xxgk.core"
    label = "core"
