from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The two demo institutions and their loader (`xxgk demo`); no models of its own."""

    name = "xxgk.demo"
    label = "demo"
