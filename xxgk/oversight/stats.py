"""Figures for a period, from letters, events, cases, ratings and surveys (never hand-kept counters).

- Reply rate: of the valid letters received in the period (invalid ones are not
  counted), how many have been answered (a `replied` event); on-time rate: of
  those answered, how many were answered on or before their due date.
- The 15-column table (表四): reviews and lawsuits received in the period, by
  outcome as it stood at the period's end (decided later = 尚未审结).
- Evaluation: ratings count and average, surveys ending in the period.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Avg, Count, Q
from django.utils import timezone

from xxgk.oversight.models import (
    Case,
    CaseKind,
    Letter,
    LetterAction,
    LetterEvent,
    LetterState,
    LitigationRoute,
    Outcome,
    Rating,
    Survey,
)

OUTCOME_ORDER = (Outcome.UPHELD, Outcome.CORRECTED, Outcome.OTHER, Outcome.PENDING)
TABLE_GROUPS = (
    ("review", "行政复议"),
    ("direct", "行政诉讼：未经复议直接起诉"),
    ("after_review", "行政诉讼：复议后起诉"),
)
COLUMN_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


@dataclass
class ReplyFigures:
    key: str
    label: str
    received: int = 0
    invalid: int = 0
    valid: int = 0
    replied: int = 0
    on_time: int = 0
    open: int = 0
    overdue_open: int = 0

    @property
    def reply_rate(self) -> float | None:
        return round(100 * self.replied / self.valid, 1) if self.valid else None

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.on_time / self.replied, 1) if self.replied else None

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "received": self.received,
            "invalid": self.invalid,
            "valid": self.valid,
            "replied": self.replied,
            "on_time": self.on_time,
            "open": self.open,
            "overdue_open": self.overdue_open,
            "reply_rate": self.reply_rate,
            "on_time_rate": self.on_time_rate,
        }


def days_with_data(institution) -> set[date]:
    """The days letters were received on and cases filed on (what a period picker offers; two queries)."""
    return days_with_data_of([institution])


def days_with_data_of(institutions) -> set[date]:
    """`days_with_data` of several institutions together (two queries however many)."""
    letters = Letter.objects.filter(institution__in=institutions).dates("received_on", "day")
    return set(letters) | set(Case.objects.filter(institution__in=institutions).dates("filed_on", "day"))


def _first_replies(letter_ids) -> dict[int, date]:
    out: dict[int, date] = {}
    events = (
        LetterEvent.objects.filter(letter_id__in=letter_ids, action=LetterAction.REPLIED)
        .order_by("at")
        .values_list("letter_id", "at")
    )
    for letter_id, at in events:
        out.setdefault(letter_id, timezone.localdate(at))
    return out


def reply_figures(
    institution, start: date, end: date, *, by: str = "mailbox", today: date | None = None
) -> list[ReplyFigures]:
    """Rows per mailbox ("mailbox"), per handling department ("department") or one total ("total"),
    for letters received from `start` to `end` inclusive; replies counted as of `today` (default now)."""
    letters = list(
        Letter.objects.filter(institution=institution, received_on__range=(start, end)).select_related(
            "mailbox", "routed_department", "mailbox__department"
        )
    )
    rows: OrderedDict[str, ReplyFigures] = OrderedDict()
    if by == "mailbox":
        for box in institution.mailboxes.order_by("order", "id"):
            rows[str(box.id)] = ReplyFigures(str(box.id), box.name)
    return _reply_rows(rows, letters, _first_replies([letter.id for letter in letters]), by, today)


def reply_totals_of(institutions, start: date, end: date, today: date | None = None) -> dict[int, ReplyFigures]:
    """institution id -> its `reply_total` (two queries however many institutions)."""
    letters = list(Letter.objects.filter(institution__in=institutions, received_on__range=(start, end)))
    replies = _first_replies([letter.id for letter in letters])
    by_institution: dict[int, list] = {institution.pk: [] for institution in institutions}
    for letter in letters:
        by_institution[letter.institution_id].append(letter)
    return {
        pk: (_reply_rows(OrderedDict(), mine, replies, "total", today) or [ReplyFigures("total", "合计")])[0]
        for pk, mine in by_institution.items()
    }


def _reply_rows(rows: OrderedDict, letters, replies: dict, by: str, today: date | None) -> list[ReplyFigures]:
    today = today or timezone.localdate()
    for letter in letters:
        if by == "mailbox":
            key, label = str(letter.mailbox_id), letter.mailbox.name
        elif by == "department":
            dept = letter.routed_department or letter.mailbox.department
            key, label = (str(dept.id), dept.name) if dept else ("office", "学校办公室直接答复")
        else:
            key, label = "total", "合计"
        row = rows.setdefault(key, ReplyFigures(key, label))
        row.received += 1
        if letter.state == LetterState.INVALID:
            row.invalid += 1
            continue
        row.valid += 1
        replied_on = replies.get(letter.id)
        if replied_on is not None and replied_on <= today:
            row.replied += 1
            if letter.due_on is None or replied_on <= letter.due_on:
                row.on_time += 1
        else:
            row.open += 1
            if letter.due_on and letter.due_on < today:
                row.overdue_open += 1
    return list(rows.values())


def reply_total(institution, start: date, end: date, today: date | None = None) -> ReplyFigures:
    return reply_totals_of([institution], start, end, today)[institution.pk]


@dataclass
class CaseTable:
    """表四: 15 figures in three groups of five (维持, 纠正, 其他, 尚未审结, 总计)."""

    groups: OrderedDict[str, list[int]] = field(default_factory=OrderedDict)
    complaints: dict = field(default_factory=dict)

    @property
    def row(self) -> list[int]:
        return [n for values in self.groups.values() for n in values]

    def as_dict(self) -> dict:
        return {
            "groups": {k: dict(zip(COLUMN_LABELS, v)) for k, v in self.groups.items()},
            "row": self.row,
            "complaints": self.complaints,
        }


def _outcome_at(case: Case, end: date) -> str:
    if case.outcome == Outcome.PENDING or case.decided_on is None or case.decided_on > end:
        return Outcome.PENDING
    return case.outcome


def _five(cases, end: date) -> list[int]:
    counts = {o: 0 for o in OUTCOME_ORDER}
    for case in cases:
        counts[_outcome_at(case, end)] += 1
    values = [counts[o] for o in OUTCOME_ORDER]
    return values + [sum(values)]


def case_table(institution, start: date, end: date) -> CaseTable:
    """The national 15-column table for cases received from `start` to `end`, and the complaints tally."""
    return case_tables_of([institution], start, end)[institution.pk]


def case_tables_of(institutions, start: date, end: date) -> dict[int, CaseTable]:
    """institution id -> its `case_table` (one query however many institutions)."""
    by_institution: dict[int, list] = {institution.pk: [] for institution in institutions}
    for case in Case.objects.filter(institution__in=list(by_institution), filed_on__range=(start, end)):
        by_institution[case.institution_id].append(case)
    return {pk: _case_table(cases, end) for pk, cases in by_institution.items()}


def _case_table(cases: list, end: date) -> CaseTable:
    table = CaseTable()
    table.groups["review"] = _five([c for c in cases if c.kind == CaseKind.REVIEW], end)
    table.groups["direct"] = _five(
        [c for c in cases if c.kind == CaseKind.LITIGATION and c.route == LitigationRoute.DIRECT], end
    )
    table.groups["after_review"] = _five(
        [c for c in cases if c.kind == CaseKind.LITIGATION and c.route == LitigationRoute.AFTER_REVIEW], end
    )
    complaints = _five([c for c in cases if c.kind == CaseKind.COMPLAINT], end)
    table.complaints = dict(zip(COLUMN_LABELS, complaints))
    return table


@dataclass
class EvaluationFigures:
    ratings: int
    average: float | None
    record_ratings: int
    reply_ratings: int
    writer_ratings: int
    writer_average: float | None
    satisfied_writers: int
    surveys: list


def evaluation_figures(institution, start: date, end: date) -> EvaluationFigures:
    """Ratings given in the period (public and by writers) and surveys that ended in it."""
    qs = Rating.objects.filter(institution=institution, created_at__date__range=(start, end))
    public = qs.filter(by_writer=False)
    agg = public.aggregate(
        n=Count("id"),
        avg=Avg("stars"),
        records=Count("id", filter=Q(record__isnull=False)),
        replies=Count("id", filter=Q(reply__isnull=False)),
    )
    writers = qs.filter(by_writer=True).aggregate(
        n=Count("id"), avg=Avg("stars"), satisfied=Count("id", filter=Q(stars__gte=4))
    )
    surveys = list(Survey.objects.filter(institution=institution, period_end__range=(start, end)))
    return EvaluationFigures(
        ratings=agg["n"],
        average=round(agg["avg"], 2) if agg["avg"] is not None else None,
        record_ratings=agg["records"],
        reply_ratings=agg["replies"],
        writer_ratings=writers["n"],
        writer_average=round(writers["avg"], 2) if writers["avg"] is not None else None,
        satisfied_writers=writers["satisfied"],
        surveys=surveys,
    )


@dataclass
class RatingRow:
    key: str
    label: str
    count: int
    average: float | None
    satisfied: int  # 4 or 5 stars
    dissatisfied: int  # 1 or 2 stars

    @property
    def satisfied_percent(self) -> float | None:
        return round(100 * self.satisfied / self.count, 1) if self.count else None


RATING_TARGETS = (
    ("record", "公开信息", Q(by_writer=False, record__isnull=False)),
    ("reply", "信箱公开答复", Q(by_writer=False, reply__isnull=False)),
    ("writer", "来信人对答复", Q(by_writer=True)),
)


def rating_rows(institution, start: date, end: date) -> list[RatingRow]:
    """The ratings given in the period by what was rated, with their results (one query)."""
    qs = Rating.objects.filter(institution=institution, created_at__date__range=(start, end))
    agg = {}
    for key, _label, where in RATING_TARGETS:
        agg[f"{key}_n"] = Count("id", filter=where)
        agg[f"{key}_avg"] = Avg("stars", filter=where)
        agg[f"{key}_good"] = Count("id", filter=where & Q(stars__gte=4))
        agg[f"{key}_bad"] = Count("id", filter=where & Q(stars__lte=2))
    values = qs.aggregate(**agg)
    return [
        RatingRow(
            key,
            label,
            values[f"{key}_n"],
            round(values[f"{key}_avg"], 2) if values[f"{key}_avg"] is not None else None,
            values[f"{key}_good"],
            values[f"{key}_bad"],
        )
        for key, label, _where in RATING_TARGETS
    ]


def survey_totals(surveys) -> dict:
    sample = sum(s.sample_size for s in surveys)
    satisfied = sum(s.satisfied_count for s in surveys)
    return {
        "sample_size": sample,
        "satisfied": satisfied,
        "percent": round(100 * satisfied / sample, 1) if sample else None,
    }


__all__ = [
    "reply_figures",
    "reply_total",
    "case_table",
    "evaluation_figures",
    "survey_totals",
    "rating_rows",
    "RatingRow",
    "ReplyFigures",
    "CaseTable",
    "TABLE_GROUPS",
    "COLUMN_LABELS",
]
