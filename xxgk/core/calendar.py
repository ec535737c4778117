"""The working-day calendar as this deployment sees it: official data plus the office's overrides."""

from __future__ import annotations

from xxgk.workdays import Calendar


def current_calendar() -> Calendar:
    """A Calendar with every override row applied (one query)."""
    from xxgk.core.models import CalendarOverride

    return Calendar(dict(CalendarOverride.objects.values_list("date", "is_workday")))
