"""15 working days from receipt (高校 preset), counted from the next day."""

from datetime import date

from xxgk.workdays import Calendar, DeadlineRule, compute_due, preset

cal = Calendar()
UNIVERSITY = preset("university")


def test_receipt_on_a_make_up_saturday():
    # Received Sat 2024-10-12 (worked). Counting starts Sun 10/13 (off):
    # 10/14–18 (5), 10/21–25 (10), 10/28–11/1 (15).
    due = compute_due(date(2024, 10, 12), UNIVERSITY, calendar=cal)
    assert due.date == date(2024, 11, 1)
    assert due.working_days_allowed == 15
    assert not due.paused and due.certain


def test_receipt_day_counts_when_the_rule_says_so():
    rule = DeadlineRule(days=15, count_from_next_day=False)
    # The make-up Saturday itself is day 1, so the due date is one workday earlier.
    assert compute_due(date(2024, 10, 12), rule, calendar=cal).date == date(2024, 10, 31)


def test_receipt_before_golden_week():
    # 9/30 → 10/8–11 (4), Sat 10/12 (5), 10/14–18 (10), 10/21–25 (15)
    due = compute_due(date(2024, 9, 30), UNIVERSITY, calendar=cal)
    assert due.date == date(2024, 10, 25)
    assert due.clock_start == date(2024, 9, 30)


def test_due_date_agrees_with_add():
    received = date(2024, 2, 1)
    assert compute_due(received, UNIVERSITY, calendar=cal).date == cal.add(received, 15).date


def test_overrides_reach_the_deadline():
    closed = Calendar({date(2024, 10, 25): False})
    assert compute_due(date(2024, 9, 30), UNIVERSITY, calendar=closed).date == date(2024, 10, 28)
