from django.apps import AppConfig


class WorkcalendarConfig(AppConfig):
    """The deployment's working-day calendar: the official one plus the office's overrides."""

    name = "xxgk.workcalendar"
    label = "workcalendar"
