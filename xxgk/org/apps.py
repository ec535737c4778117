from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "xxgk.org"
    label = "org"
