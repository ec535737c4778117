from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "xxgk.notify"
    label = "notify"
    verbose_name = "通知"

    def ready(self) -> None:
        from xxgk.jobs.signals import job_failed
        from xxgk.notify import job_pages  # noqa: F401  (the page of a failed sending job)
        from xxgk.notify.services import tell_job_failed

        job_failed.connect(tell_job_failed, dispatch_uid="notify-job-failed")
