from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "xxgk.reporting"
    label = "reporting"
