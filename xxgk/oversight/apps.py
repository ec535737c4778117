from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "xxgk.oversight"
    label = "oversight"
    verbose_name = "监督与评议"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from xxgk.oversight import rules, todo  # noqa: F401  (registers the policy rules and the to-do sources)
        from xxgk.oversight.models import LetterEvent

        post_save.connect(todo.letter_event_saved, sender=LetterEvent, dispatch_uid="letter-work-arrived")

        from xxgk.oversight.deadlines import on_calendar_changed
        from xxgk.workcalendar.signals import calendar_changed

        calendar_changed.connect(on_calendar_changed, dispatch_uid="oversight-deadlines")
