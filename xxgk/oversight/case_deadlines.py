"""When the institution owes its answer in a case: the one place that works it out.

A review's 书面答复 and a lawsuit's 答辩状 are due a term after the copy is served (`Case.served_on`, else
the day the case was filed, which is never later); the terms are data (data/rules.json `case_terms`). A date
the authority, the court or the forwarding body sets (`Case.due_by`) wins; a complaint has no term in law,
only such a date. Nothing is stored: the deadline is worked out when shown, so a calendar change moves it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from xxgk.oversight.models import Case, CaseStage
from xxgk.oversight.rules_data import rules
from xxgk.workdays import Calendar

WORKDAYS = "workdays"
CALENDAR_DAYS = "calendar"


@dataclass(frozen=True)
class AnswerDue:
    date: date
    provisional: bool  # rests on days the official calendar has not published yet (暂定)
    basis: str  # where the date comes from, in words


def term(kind: str) -> dict | None:
    """The statutory term for a kind of case (`days`, `day_kind`, `basis`), or None (a complaint)."""
    return rules()["case_terms"].get(kind)


def _statutory(start: date, days: int, day_kind: str, calendar: Calendar) -> tuple[date, bool]:
    if day_kind == WORKDAYS:
        span = calendar.add(start, days)
        return span.date, span.provisional
    if day_kind != CALENDAR_DAYS:
        raise ValueError(f"unknown day kind in case_terms: {day_kind!r}")
    last = start + timedelta(days=days)  # counted from the next day, so the n-th day is start + n
    provisional = calendar.day(last).provisional
    while not calendar.is_workday(last):  # a last day that is a rest day moves to the next working day
        last += timedelta(days=1)
        provisional = provisional or calendar.day(last).provisional
    return last, provisional


def answer_due(case: Case, calendar: Calendar) -> AnswerDue | None:
    """The date the institution's answer is due, while it owes one; None once answered or decided, or for
    a complaint without a set date."""
    if case.stage != CaseStage.ANSWERING:
        return None
    if case.due_by is not None:
        return AnswerDue(case.due_by, calendar.day(case.due_by).provisional, _("受理机关或转办单位指定"))
    rule = term(case.kind)
    if rule is None:
        return None
    start = case.served_on or case.filed_on
    due, provisional = _statutory(start, rule["days"], rule["day_kind"], calendar)
    return AnswerDue(due, provisional, rule["basis"])
