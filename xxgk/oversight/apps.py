from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "xxgk.oversight"
    label = "oversight"
