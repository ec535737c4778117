from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "xxgk.portal"
    label = "portal"
