"""Working days left and the on_track / due_soon / overdue status."""

from datetime import date

from xxgk.workdays import STATUS_LABELS, Calendar, compute_due, due_status, preset, working_days_left

cal = Calendar()
DUE = compute_due(date(2024, 9, 30), preset("university"), calendar=cal)  # due Fri 2024-10-25


def test_days_left_counts_working_days():
    assert DUE.date == date(2024, 10, 25)
    assert working_days_left(DUE, date(2024, 10, 25), cal) == 0
    assert working_days_left(DUE, date(2024, 10, 21), cal) == 4
    assert working_days_left(DUE, date(2024, 10, 7), cal) == 15  # still in the holiday: all 15 ahead


def test_overdue_is_negative_even_on_the_weekend_after():
    assert working_days_left(DUE, date(2024, 10, 26), cal) == -1  # Saturday
    assert working_days_left(DUE, date(2024, 10, 28), cal) == -1  # Monday
    assert working_days_left(DUE, date(2024, 10, 29), cal) == -2


def test_statuses():
    assert due_status(DUE, date(2024, 10, 14), cal) == "on_track"  # 9 left
    assert due_status(DUE, date(2024, 10, 22), cal) == "due_soon"  # 3 left
    assert due_status(DUE, date(2024, 10, 25), cal) == "due_soon"  # due today
    assert due_status(DUE, date(2024, 10, 26), cal) == "overdue"


def test_threshold_is_configurable():
    assert due_status(DUE, date(2024, 10, 18), cal) == "on_track"  # 5 left
    assert due_status(DUE, date(2024, 10, 18), cal, due_soon_within=5) == "due_soon"


def test_statuses_have_chinese_labels():
    assert STATUS_LABELS["overdue"] == "已逾期"
    assert set(STATUS_LABELS) == {"on_track", "due_soon", "overdue", "paused"}
