from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    name = "xxgk.workbench"
    label = "workbench"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from xxgk.publishing.models import RecordEvent
        from xxgk.workbench import todo_jobs, todo_records  # noqa: F401  (register the records' and failed jobs' to-do sources)

        post_save.connect(todo_records.record_event_saved, sender=RecordEvent, dispatch_uid="record-work-arrived")
