from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    name = "xxgk.workbench"
    label = "workbench"
