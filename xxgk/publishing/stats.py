"""Channel figures for a period, from postings and tallies (never from hand-kept counters)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, Q, Sum
from django.utils import timezone

from xxgk.catalog.models import ANNUAL_REPORT_ITEM
from xxgk.core import periods
from xxgk.org.models import Institution
from xxgk.publishing.models import Channel, Record, published_q


def days_with_data(institution) -> set[date]:
    """For the period picker: a day of each stretch of the calendar in which records of the institution
    were published (`days_with_data_of`). Records filed under the annual report's 清单 item are left out: a
    report on the year before, published in October, is not activity of the new year (else a new year holding
    only last year's report would be the default period, all but empty)."""
    return days_with_data_of([institution])


def _public_activity(institutions):
    records = Record.objects.published().filter(institution__in=list(institutions))
    return records.exclude(items__checklist_item__number=ANNUAL_REPORT_ITEM)


def _local(d: date) -> datetime:
    return datetime.combine(d, time.min, tzinfo=timezone.get_current_timezone())


def _windows_present(institutions, windows: list[tuple[date, date]]) -> list[bool]:
    """For each [start, end) window, whether a record counted by the picker was published in it: one query of
    one EXISTS probe per window, each stopping at the first record it finds."""
    institutions = list(institutions)
    if not windows or not institutions:
        return [False] * len(windows)
    records = _public_activity(institutions)
    probes = {
        f"w{i}": Exists(records.filter(published_at__gte=_local(start), published_at__lt=_local(end)))
        for i, (start, end) in enumerate(windows)
    }
    first = institutions[0].pk if hasattr(institutions[0], "pk") else institutions[0]
    row = Institution.objects.filter(pk=first).order_by().annotate(**probes).values(*probes).first() or {}
    return [bool(row.get(f"w{i}")) for i in range(len(windows))]


def days_with_data_of(institutions) -> set[date]:
    """`days_with_data` of several institutions together, in two queries however many records: not every day
    (a scan of every record, a second at province scale) but the first day of each half of a calendar year —
    1 January to the academic year's first day, and from it to 31 December — in which something was published.
    These stretches are exactly what the picker offers (academic and calendar years) and tells apart: a year
    has data when one of its stretches does. Decades first, then the stretches of the decades with data."""
    today = timezone.localdate()
    decades = [(date(y, 1, 1), date(y + 10, 1, 1)) for y in range(periods.MIN_YEAR, today.year + 2, 10)]
    stretches = []
    for (start, end), present in zip(decades, _windows_present(institutions, decades)):
        if present:
            for year in range(start.year, end.year):
                turn = periods.academic_year(year).start
                stretches += [(date(year, 1, 1), turn), (turn, date(year + 1, 1, 1))]
    return {start for (start, _end), present in zip(stretches, _windows_present(institutions, stretches)) if present}


def published_between(institutions, start: date, end: date) -> bool:
    """Whether a record counted by the picker was published from `start` to `end` (inclusive; one query)."""
    return _windows_present(institutions, [(start, end + timedelta(days=1))])[0]


@dataclass(frozen=True)
class ChannelCount:
    channel_id: int
    name: str
    kind: str
    kind_label: str
    department: str
    logged_individually: bool
    count: int

    def as_dict(self) -> dict:
        return {
            "channel": self.name,
            "kind": self.kind,
            "kind_label": self.kind_label,
            "department": self.department,
            "logged_individually": self.logged_individually,
            "count": self.count,
        }


def channel_counts(institution, start: date, end: date) -> list[ChannelCount]:
    """Items each channel carried in [start, end]: published records posted there, plus tallies
    whose period lies inside the range. Two queries whatever the number of records."""
    return channel_counts_of([institution], start, end).get(institution.pk, [])


def channel_counts_of(institutions, start: date, end: date) -> dict[int, list[ChannelCount]]:
    """institution id -> its `channel_counts` (two queries however many institutions)."""
    channels = (
        Channel.objects.filter(institution__in=institutions)
        .select_related("department")
        .annotate(
            posted=Count(
                "postings",
                filter=Q(postings__posted_on__gte=start, postings__posted_on__lte=end)
                & published_q("postings__record"),
                distinct=True,
            )
        )
        .order_by("order", "name")
    )
    tallied = dict(
        Channel.objects.filter(
            institution__in=institutions, tallies__period_start__gte=start, tallies__period_end__lte=end
        )
        .values_list("id")
        .annotate(total=Sum("tallies__count"))
    )
    out: dict[int, list[ChannelCount]] = {}
    for c in channels:
        out.setdefault(c.institution_id, []).append(
            ChannelCount(
                c.id,
                c.name,
                c.kind,
                c.get_kind_display(),
                c.department.name if c.department else "",
                c.logged_individually,
                c.posted + (tallied.get(c.id) or 0),
            )
        )
    return out
