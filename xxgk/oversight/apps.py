from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "xxgk.oversight"
    label = "oversight"
    verbose_name = "监督与评议"

    def ready(self) -> None:
        from xxgk.oversight import rules, todo  # noqa: F401  (registers the policy rules and the to-do sources)
        from xxgk.oversight.deadlines import on_calendar_changed
        from xxgk.workcalendar.signals import calendar_changed

        calendar_changed.connect(on_calendar_changed, dispatch_uid="oversight-deadlines")
