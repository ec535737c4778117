from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    name = "xxgk.workbench"
    label = "workbench"

    def ready(self) -> None:
        from xxgk.workbench import todo_records  # noqa: F401  (registers the records' to-do sources)
