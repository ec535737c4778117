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

        from xxgk.core.orphans import register_references

        register_references(attached_files)  # a message's attachments are never swept as orphans


def attached_files():
    """The storage names messages still to be sent (or sent again) carry as attachments."""
    from xxgk.notify.models import Message

    for attachments in Message.objects.exclude(attachments=[]).values_list("attachments", flat=True).iterator():
        for item in attachments or ():
            if isinstance(item, dict) and isinstance(item.get("path"), str):
                yield item["path"]
