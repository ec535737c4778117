from django.apps import AppConfig


class FoiConfig(AppConfig):
    name = "xxgk.foi"
    label = "foi"
