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
