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
    """The period asked for in the query string, else the latest academic year with data. Records give the
    picker a day per half-year (`publishing.stats.days_with_data_of`), exact for academic and calendar years;
    for a range of the person's own, whether it holds any record is asked of the database."""
    institutions = list(institutions)
    choice = periods.choose(request.GET, days_with_data(institutions), today=timezone.localdate())
    if choice.period.kind == periods.RANGE:
        start, end = choice.period.start, choice.period.end
        others = foi_stats.days_with_data_of(institutions) | oversight_stats.days_with_data_of(institutions)
        choice.has_data = any(start <= d <= end for d in others) or publishing_stats.published_between(
            institutions, start, end
        )
    return choice
