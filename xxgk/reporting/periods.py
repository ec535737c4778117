"""The period a dashboard, figure page or report draft shows: `core.periods.choose` over the days on
which the institution had records published, applications received or closed, letters received or
cases filed (each app's `days_with_data`)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from xxgk.core import periods
from xxgk.foi import stats as foi_stats
from xxgk.oversight import stats as oversight_stats
from xxgk.publishing import stats as publishing_stats


def days_with_data(institutions) -> set[date]:
    """The days with data of all `institutions` (five queries however many)."""
    institutions = list(institutions)
    return (
        publishing_stats.days_with_data_of(institutions)
        | foi_stats.days_with_data_of(institutions)
        | oversight_stats.days_with_data_of(institutions)
    )


def choose(request, institutions) -> periods.PeriodChoice:
    """The period asked for in the query string, else the latest academic year with data."""
    return periods.choose(request.GET, days_with_data(institutions), today=timezone.localdate())
