"""When the institution's answer in a case is due: a review's 书面答复 ten working days after the copy is
served, a lawsuit's 答辩状 fifteen days after (a last day that is not a working day moves to the next), a
date the authority set wins, a complaint has none of its own; nothing once answered or decided."""

from __future__ import annotations

from datetime import date

from xxgk.oversight.case_deadlines import answer_due
from xxgk.oversight.models import Case, CaseKind, Outcome
from xxgk.workdays import Calendar, official_years

CALENDAR = Calendar()


def _case(kind, filed_on, **extra) -> Case:
    return Case(kind=kind, filed_on=filed_on, matter="x", **extra)


def test_review_counts_ten_working_days_from_the_copy():
    # 2024: 9-29 (Sunday) and 10-12 (Saturday) are make-up workdays, 10-1 … 10-7 the National Day holiday
    due = answer_due(_case(CaseKind.REVIEW, date(2024, 9, 20), served_on=date(2024, 9, 27)), CALENDAR)
    assert due.date == date(2024, 10, 16) and not due.provisional
    assert "行政复议法" in due.basis


def test_review_without_a_served_date_counts_from_the_filing_date():
    assert answer_due(_case(CaseKind.REVIEW, date(2024, 9, 27)), CALENDAR).date == date(2024, 10, 16)


def test_lawsuit_counts_fifteen_days_and_moves_off_a_holiday():
    due = answer_due(_case(CaseKind.LITIGATION, date(2024, 9, 18), served_on=date(2024, 9, 20)), CALENDAR)
    assert due.date == date(2024, 10, 8)  # 10-5 is in the holiday; 10-8 is the next working day
    assert "行政诉讼法第六十七条" in due.basis.replace("》", "")
    due = answer_due(_case(CaseKind.LITIGATION, date(2024, 5, 6), served_on=date(2024, 5, 6)), CALENDAR)
    assert due.date == date(2024, 5, 21)  # a Tuesday: it stays


def test_a_set_date_wins_and_a_complaint_has_only_that():
    review = _case(CaseKind.REVIEW, date(2024, 9, 20), served_on=date(2024, 9, 27), due_by=date(2024, 10, 10))
    assert answer_due(review, CALENDAR).date == date(2024, 10, 10)
    assert answer_due(_case(CaseKind.COMPLAINT, date(2024, 9, 20)), CALENDAR) is None
    due = answer_due(_case(CaseKind.COMPLAINT, date(2024, 9, 20), due_by=date(2024, 9, 30)), CALENDAR)
    assert due.date == date(2024, 9, 30) and "指定" in due.basis


def test_nothing_is_owed_once_answered_or_decided():
    answered = _case(CaseKind.REVIEW, date(2024, 9, 20), answered_on=date(2024, 9, 30))
    decided = _case(CaseKind.LITIGATION, date(2024, 9, 20), outcome=Outcome.UPHELD, decided_on=date(2024, 12, 1))
    assert answer_due(answered, CALENDAR) is None and answer_due(decided, CALENDAR) is None


def test_a_deadline_in_a_year_without_the_official_arrangement_is_provisional():
    year = official_years()[1] + 1
    due = answer_due(_case(CaseKind.REVIEW, date(year, 3, 2)), CALENDAR)
    assert due.provisional
    assert not answer_due(_case(CaseKind.REVIEW, date(2024, 3, 1)), CALENDAR).provisional
