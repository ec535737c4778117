from django.apps import AppConfig


class FoiConfig(AppConfig):
    name = "xxgk.foi"
    label = "foi"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from xxgk.foi import job_pages, rules, todo  # noqa: F401  (the policy rules, the to-do source, failed jobs' pages)
        from xxgk.foi.deadlines import on_calendar_changed
        from xxgk.org.signals import institution_created
        from xxgk.workcalendar.signals import calendar_changed

        institution_created.connect(install_rules, dispatch_uid="foi-rules")
        calendar_changed.connect(on_calendar_changed, dispatch_uid="foi-deadlines")

        from django.db.models.signals import post_save

        from xxgk.foi.models import ApplicationEvent

        post_save.connect(todo.application_event_saved, sender=ApplicationEvent, dispatch_uid="foi-work-arrived")

        from xxgk.foi.reply_files import pending_jobs
        from xxgk.publishing.screening_jobs import register_pending

        register_pending(pending_jobs)  # `xxgk screen-pending` screens a reply's files too


def install_rules(sender, institution, **kwargs) -> None:
    """A new institution gets its handling rules at once, so no page has to write them later."""
    from xxgk.foi.loader import rules_for

    rules_for(institution)
