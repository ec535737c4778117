"""Timeliness: was a record published within N working days of being formed (or changed)?"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from xxgk.workdays import Calendar, provisional_dates_warning, unknown_dates_warning


@dataclass(frozen=True)
class Timeliness:
    working_days: int
    limit: int
    unknown_dates: tuple[date, ...]
    provisional_dates: tuple[date, ...] = ()

    @property
    def on_time(self) -> bool:
        return self.working_days <= self.limit

    @property
    def warning(self) -> str | None:
        return unknown_dates_warning(self.unknown_dates) or provisional_dates_warning(self.provisional_dates)


def timeliness(record, calendar: Calendar) -> Timeliness | None:
    """None until the record is published."""
    if not record.published_at:
        return None
    published_on = timezone.localdate(record.published_at)
    count = calendar.between(record.formed_on, published_on)
    return Timeliness(
        count.working_days, record.institution.timeliness_days, count.unknown_dates, count.provisional_dates
    )


@dataclass(frozen=True)
class Outlook:
    """Before publication: the last day the institution's limit allows, and what publishing today would mean."""

    due_on: date
    limit: int
    elapsed: int  # working days from formation to today, counted as `timeliness` counts them
    provisional: bool  # the due date or the count rests on days not yet officially arranged (暂定)
    unknown: bool  # … or on days the calendar does not know at all

    @property
    def late_by(self) -> int:
        """Working days past the limit if published today (0 when still in time)."""
        return max(self.elapsed - self.limit, 0)

    @property
    def left(self) -> int:
        """Working days still left after today (0 when today is the last, or it is already late)."""
        return max(self.limit - self.elapsed, 0)


def outlook(record, calendar: Calendar, today: date) -> Outlook | None:
    """None once the record is published (then `timeliness` says how it went)."""
    if record.published_at or not record.formed_on:
        return None
    limit = record.institution.timeliness_days
    span = calendar.add(record.formed_on, limit)
    count = calendar.between(record.formed_on, today)
    return Outlook(
        due_on=span.date,
        limit=limit,
        elapsed=count.working_days,
        provisional=bool(span.provisional_dates or count.provisional_dates),
        unknown=bool(span.unknown_dates or count.unknown_dates),
    )
