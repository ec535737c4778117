"""The working-day calendar as this deployment sees it: official data plus the office's overrides."""

from __future__ import annotations

from xxgk.workdays import Calendar


def current_calendar() -> Calendar:
    """A Calendar with every override row applied (one query)."""
    from xxgk.workcalendar.models import CalendarOverride

    return Calendar(dict(CalendarOverride.objects.values_list("date", "is_workday")))


def overrides():
    """The office's override rows, in date order (a queryset)."""
    from xxgk.workcalendar.models import CalendarOverride

    return CalendarOverride.objects.all()
