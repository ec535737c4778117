"""Figures for dashboards and the annual report, counted from records, events and entries.

Every function here runs a fixed number of queries whatever the number of records.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone

from xxgk.catalog.models import CatalogItem
from xxgk.foi import stats as foi_stats
from xxgk.oversight import stats as oversight_stats
from xxgk.publishing.models import Record, published_q


def portal_url(name: str, **kwargs) -> str:
    return reverse(f"portal:{name}", kwargs=kwargs)


def _local_days(start: date, end: date) -> tuple[datetime, datetime]:
    """The instants from the first moment of `start` to the first moment after `end`, local time: compared with
    a timestamp column as it is, where `__date` has SQLite convert every row in Python and keeps PostgreSQL
    from its index."""
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=tz),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz),
    )


# --- 清单 coverage -------------------------------------------------------------------------

CURRENT, STALE, EMPTY = "current", "stale", "empty"
STATUS_LABELS = {CURRENT: "本期已公开", STALE: "本期无更新", EMPTY: "尚无公开信息"}


@dataclass
class ItemCoverage:
    number: str
    title: str
    category_number: int
    category: str
    is_own: bool
    count: int
    last: date | None
    status: str
    url: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def coverage(institution, start: date, end: date) -> list[ItemCoverage]:
    """Each active catalog item (the 50 清单 items and the institution's own): records published in
    the period (current), only before it (stale), or never (empty). One query."""
    return coverage_of([institution], start, end)[institution.pk]


def coverage_of(institutions, start: date, end: date) -> dict[int, list[ItemCoverage]]:
    """institution id -> its `coverage` (one query however many institutions)."""
    slugs = {institution.pk: institution.slug for institution in institutions}
    published = published_q("records")
    since, until = _local_days(start, end)
    in_period = published & Q(records__published_at__gte=since, records__published_at__lt=until)
    items = (
        CatalogItem.objects.filter(institution__in=list(slugs), active=True)
        .select_related("category")
        .annotate(
            n=Count("records", filter=in_period, distinct=True),
            last=Max("records__published_at", filter=published & Q(records__published_at__lt=until)),
        )
        .order_by("category__number", "order")
    )
    out: dict[int, list[ItemCoverage]] = {pk: [] for pk in slugs}
    for item in items:
        last = timezone.localdate(item.last) if item.last else None
        status = CURRENT if item.n else (STALE if last else EMPTY)
        out[item.institution_id].append(
            ItemCoverage(
                item.number,
                item.title,
                item.category.number,
                item.category.name,
                item.checklist_item_id is None,
                item.n,
                last,
                status,
                portal_url("item", slug=slugs[item.institution_id], number=item.number),
            )
        )
    return out


def coverage_summaries_of(institutions, start: date, end: date) -> dict[int, dict]:
    """institution id -> `coverage_summary(coverage(...))`, for many institutions at once (the supervisor's
    dashboard). Each item's status needs only whether a public record of it exists in the period, or before
    its end: two EXISTS probes per item, which stop at the first record, instead of counting every record
    of the period (one query, however many records)."""
    pks = [institution.pk for institution in institutions]
    since, until = _local_days(start, end)
    public = Record.objects.published().filter(items=OuterRef("pk"))
    items = (
        CatalogItem.objects.filter(institution__in=pks, active=True)
        .annotate(
            current=Exists(public.filter(published_at__gte=since, published_at__lt=until)),
            earlier=Exists(public.filter(published_at__lt=until)),
        )
        .order_by()
        .values_list("institution_id", "checklist_item_id", "current", "earlier")
    )
    out: dict[int, dict] = {
        pk: {
            "items": 0,
            "own": 0,
            **{s: 0 for s in (CURRENT, STALE, EMPTY)},
            **{f"own_{s}": 0 for s in (CURRENT, STALE, EMPTY)},
        }
        for pk in pks
    }
    for institution_id, checklist_item_id, current, earlier in items:
        status = CURRENT if current else (STALE if earlier else EMPTY)
        prefix = "own_" if checklist_item_id is None else ""
        summary = out[institution_id]
        summary["own" if prefix else "items"] += 1
        summary[prefix + status] += 1
    return out


def coverage_summary(items: list[ItemCoverage]) -> dict:
    national = [i for i in items if not i.is_own]
    own = [i for i in items if i.is_own]
    return {
        "items": len(national),
        "own": len(own),
        **{s: sum(1 for i in national if i.status == s) for s in (CURRENT, STALE, EMPTY)},
        **{f"own_{s}": sum(1 for i in own if i.status == s) for s in (CURRENT, STALE, EMPTY)},
    }


# --- timeliness ----------------------------------------------------------------------------


@dataclass
class TimelinessCell:
    total: int = 0
    on_time: int = 0

    @property
    def rate(self) -> float | None:
        return round(100 * self.on_time / self.total, 1) if self.total else None


@dataclass
class Timeliness:
    limit: int
    total: TimelinessCell = field(default_factory=TimelinessCell)
    by_department: OrderedDict[str, TimelinessCell] = field(default_factory=OrderedDict)
    by_month: OrderedDict[str, TimelinessCell] = field(default_factory=OrderedDict)
    grid: dict = field(default_factory=dict)  # (department, month) -> cell

    @property
    def months(self) -> list[str]:
        return list(self.by_month)


def _months(start: date, end: date) -> list[str]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def timeliness(institution, start: date, end: date) -> Timeliness:
    """Share of records published in the period within the institution's limit (20 working days)
    of being formed, by department and by month of publication. Two queries."""
    return timeliness_of([institution], start, end)[institution.pk]


def timeliness_of(institutions, start: date, end: date) -> dict[int, Timeliness]:
    """institution id -> its `timeliness` (two queries however many institutions)."""
    from xxgk.workcalendar.calendar import current_calendar

    cal = current_calendar()
    since, until = _local_days(start, end)
    results = {}
    for institution in institutions:
        results[institution.pk] = Timeliness(institution.timeliness_days)
        for month in _months(start, end):
            results[institution.pk].by_month[month] = TimelinessCell()
    rows = (
        Record.objects.published()
        .filter(institution__in=list(results), published_at__gte=since, published_at__lt=until)
        .order_by("department__order", "department__name")
        .values_list("institution_id", "department__name", "formed_on", "published_at")
    )
    memo: dict[tuple[date, date], int] = {}
    for institution_id, dept, formed_on, published_at in rows:
        result = results[institution_id]
        published_on = timezone.localdate(published_at)
        key = (formed_on, published_on)
        days = memo.get(key)
        if days is None:
            days = memo[key] = cal.between(formed_on, published_on).working_days
        ok = days <= result.limit
        month = f"{published_on:%Y-%m}"
        for cell in (
            result.total,
            result.by_department.setdefault(dept, TimelinessCell()),
            result.by_month.setdefault(month, TimelinessCell()),
            result.grid.setdefault((dept, month), TimelinessCell()),
        ):
            cell.total += 1
            cell.on_time += ok
    return results


def timeliness_totals_of(institutions, start: date, end: date) -> dict[int, TimelinessCell]:
    """institution id -> `timeliness(...).total`, counted by the database (the supervisor's dashboard).

    Working days between two dates are a difference of ordinals: with ord(d) the number of working days up
    to d, `between(a, b)` is ord(b) - ord(a) (0 when b is on or before a). The ordinals of the days that can
    matter come from the same calendar the per-institution figures use, sent with the query as a small table
    (the period plus enough days before it to pass every institution's limit); a record formed before that
    is late whatever the calendar says. One query, no record read into Python."""
    from xxgk.workcalendar.calendar import current_calendar

    cal = current_calendar()
    limits = {institution.pk: institution.timeliness_days for institution in institutions}
    out = {pk: TimelinessCell() for pk in limits}
    if not limits:
        return out
    first, seen = start, 0
    while seen <= max(limits.values()):  # back until more working days than any limit lie before `start`
        seen += cal.is_workday(first)
        first -= timedelta(days=1)
    days, ordinal, day = [], 0, first
    first_day = first
    while day <= end:
        ordinal += cal.is_workday(day)
        days.append((day, ordinal))
        day += timedelta(days=1)
    since, until = _local_days(start, end)
    inner = (
        Record.objects.published()
        .filter(institution__in=list(limits), published_at__gte=since, published_at__lt=until)
        .annotate(published_on=TruncDate("published_at"))
        .order_by()
        .values_list("institution_id", "formed_on", "published_on")
    )
    inner_sql, inner_params = inner.query.sql_with_params()
    cases = " ".join("WHEN %s THEN %s" for _ in limits)
    limit_params = [v for pair in limits.items() for v in pair]
    if connection.vendor == "postgresql":
        # the ordinals as an array indexed by the day's distance from the first: no join, no sort (a day before
        # the first is out of the array's range, NULL, so late)
        ordinal = "(%s::int[])[{day} - %s::date + 1]"
        lag = f"{ordinal.format(day='r.published_on')} - {ordinal.format(day='r.formed_on')}"
        sql = (
            "SELECT r.institution_id, COUNT(*), "
            f"SUM(CASE WHEN r.formed_on >= r.published_on OR {lag} <= (CASE r.institution_id {cases} END) "
            "THEN 1 ELSE 0 END) "
            f"FROM ({inner_sql}) r GROUP BY r.institution_id"
        )
        ords = [o for _d, o in days]
        params = [ords, first_day, ords, first_day, *limit_params, *inner_params]
    else:
        sql = (
            f"WITH days(day, ord) AS (VALUES {', '.join('(%s, %s)' for _ in days)}) "
            "SELECT r.institution_id, COUNT(*), "
            f"SUM(CASE WHEN r.formed_on >= r.published_on OR p.ord - f.ord <= (CASE r.institution_id {cases} END) "
            "THEN 1 ELSE 0 END) "
            f"FROM ({inner_sql}) r "
            "LEFT JOIN days f ON f.day = r.formed_on LEFT JOIN days p ON p.day = r.published_on "
            "GROUP BY r.institution_id"
        )
        params = [v for d in days for v in d] + limit_params + list(inner_params)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for institution_id, total, on_time in cursor.fetchall():
            out[institution_id] = TimelinessCell(total=total, on_time=on_time or 0)
    return out


# --- channels, applications, mailboxes, complaints ---------------------------------------------


def channels(institution, start: date, end: date):
    from xxgk.publishing.stats import channel_counts

    return channel_counts(institution, start, end)


def website_channels(counts) -> list:
    """The school's website columns logged item by item: what "通过学校官网各栏目共发布信息N条" counts."""
    return [c for c in counts if c.kind == "website" and c.logged_individually]


@dataclass
class Applications:
    new: int
    carried_in: int
    closed: int
    carried_out: int
    on_time_rate: float | None
    median_days: float | None
    fee_total: object
    fee_count: int
    table: foi_stats.Table


def applications(institution, start: date, end: date) -> Applications:
    t = foi_stats.national_table(institution, start, end)
    return Applications(
        t.row("new").total,
        t.row("carried_in").total,
        t.row("total").total,
        t.row("carried_out").total,
        t.on_time_rate,
        t.median_days,
        t.fee_total,
        t.fee_count,
        t,
    )


@dataclass
class Oversight:
    mail: oversight_stats.ReplyFigures
    mailboxes: list[oversight_stats.ReplyFigures]
    cases: oversight_stats.CaseTable
    evaluation: oversight_stats.EvaluationFigures
    surveys: dict
    ratings: list[oversight_stats.RatingRow] = field(default_factory=list)

    @property
    def complaints(self) -> int:
        return self.cases.complaints.get("总计", 0)

    @property
    def cases_total(self) -> int:
        return sum(v[-1] for v in self.cases.groups.values())


def oversight(institution, start: date, end: date, today: date | None = None) -> Oversight:
    boxes = oversight_stats.reply_figures(institution, start, end, by="mailbox", today=today)
    total = oversight_stats.reply_figures(institution, start, end, by="total", today=today)
    evaluation = oversight_stats.evaluation_figures(institution, start, end)
    return Oversight(
        total[0] if total else oversight_stats.ReplyFigures("total", "合计"),
        boxes,
        oversight_stats.case_table(institution, start, end),
        evaluation,
        oversight_stats.survey_totals(evaluation.surveys),
        oversight_stats.rating_rows(institution, start, end),
    )


def monthly_published(institution, start: date, end: date) -> OrderedDict[str, int]:
    """Records published per month in the period (one query)."""
    out = OrderedDict((m, 0) for m in _months(start, end))
    since, until = _local_days(start, end)
    for (published_at,) in (
        Record.objects.published(institution)
        .filter(published_at__gte=since, published_at__lt=until)
        .values_list("published_at")
    ):
        m = f"{timezone.localdate(published_at):%Y-%m}"
        out[m] = out.get(m, 0) + 1
    return out


def by_department(items) -> dict:
    out = defaultdict(list)
    for i in items:
        out[i.department].append(i)
    return out


# --- the supervisor's summary of every institution ---------------------------------------------------


@dataclass
class InstitutionSummary:
    """One row of the supervisor's summary: the same figures as each institution's dashboard."""

    institution: object
    coverage: dict  # coverage_summary
    timely: TimelinessCell
    channels: int
    applications: int  # received in the period
    mail: oversight_stats.ReplyFigures
    complaints: int
    report: object  # the institution's AnnualReport for the period, or None


def summaries(institutions, start: date, end: date) -> list[InstitutionSummary]:
    """A summary row per institution, in a fixed number of queries however many institutions (each figure is
    counted for all of them at once by the function its dashboard uses for one)."""
    from xxgk.publishing.stats import channel_counts_of
    from xxgk.reporting.models import AnnualReport

    institutions = list(institutions)
    coverage = coverage_summaries_of(institutions, start, end)
    timely = timeliness_totals_of(institutions, start, end)
    channels = channel_counts_of(institutions, start, end)
    applications = foi_stats.national_tables(institutions, start, end)
    mail = oversight_stats.reply_totals_of(institutions, start, end)
    cases = oversight_stats.case_tables_of(institutions, start, end)
    reports = {
        r.institution_id: r
        for r in AnnualReport.objects.filter(institution__in=institutions, period_start=start, period_end=end)
    }
    return [
        InstitutionSummary(
            institution=inst,
            coverage=coverage[inst.pk],
            timely=timely[inst.pk],
            channels=sum(c.count for c in channels.get(inst.pk, [])),
            applications=applications[inst.pk].row("new").total,
            mail=mail[inst.pk],
            complaints=cases[inst.pk].complaints.get("总计", 0),
            report=reports.get(inst.pk),
        )
        for inst in institutions
    ]
