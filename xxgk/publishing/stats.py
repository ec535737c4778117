"""Channel figures for a period, from postings and tallies (never from hand-kept counters)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum
from django.utils import timezone

from xxgk.catalog.models import ANNUAL_REPORT_ITEM
from xxgk.publishing.models import Channel, Record, published_q


def days_with_data(institution) -> set[date]:
    """The days (local time) records of the institution were published on (one query), for the
    period picker. Records filed under the annual report's 清单 item are left out: a report on the year
    before, published in October, is not activity of the new year (else a new year holding only last
    year's report would be the default period, all but empty)."""
    return days_with_data_of([institution])


def days_with_data_of(institutions) -> set[date]:
    """`days_with_data` of several institutions together (one query however many)."""
    records = Record.objects.published().filter(institution__in=institutions)
    records = records.exclude(items__checklist_item__number=ANNUAL_REPORT_ITEM)
    return {
        timezone.localdate(d) for d in records.datetimes("published_at", "day", tzinfo=timezone.get_current_timezone())
    }


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
