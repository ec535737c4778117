"""Third-party consultation stops the clock (征求意见所需时间不计入期限)."""

from datetime import date

import pytest

from xxgk.workdays import Calendar, compute_due, due_status, preset, working_days_left

cal = Calendar()
UNIVERSITY = preset("university")
RECEIVED = date(2024, 3, 1)


def test_closed_pause_pushes_the_due_date_by_its_working_days():
    plain = compute_due(RECEIVED, UNIVERSITY, calendar=cal).date
    assert plain == date(2024, 3, 22)
    pause = (date(2024, 3, 5), date(2024, 3, 11))  # Tue–Mon: 5 working days
    assert cal.between(date(2024, 3, 4), date(2024, 3, 11)).working_days == 5
    due = compute_due(RECEIVED, UNIVERSITY, pauses=[pause], calendar=cal)
    assert due.date == cal.add(plain, 5).date == date(2024, 3, 29)
    assert not due.paused


def test_pause_over_a_holiday_only_costs_its_working_days():
    # Pause 4/3–4/8 holds 4/3, Sun 4/7 (make-up) and 4/8; 4/4–4/6 were off anyway.
    plain = compute_due(date(2024, 3, 25), UNIVERSITY, calendar=cal).date
    due = compute_due(date(2024, 3, 25), UNIVERSITY, pauses=[(date(2024, 4, 3), date(2024, 4, 8))], calendar=cal)
    assert due.date == cal.add(plain, 3).date


def test_two_pauses_add_up():
    pauses = [(date(2024, 3, 5), date(2024, 3, 6)), (date(2024, 3, 12), date(2024, 3, 12))]
    due = compute_due(RECEIVED, UNIVERSITY, pauses=pauses, calendar=cal)
    assert due.date == cal.add(date(2024, 3, 22), 3).date


def test_open_pause_means_the_clock_is_stopped():
    due = compute_due(RECEIVED, UNIVERSITY, pauses=[(date(2024, 3, 5), None)], calendar=cal)
    assert due.paused and due.date is None
    assert due.working_days_used == 1  # Mon 3/4 ran before the pause
    assert due.working_days_remaining_at_pause == 14
    assert working_days_left(due, date(2024, 3, 20), cal) is None
    assert due_status(due, date(2024, 3, 20), cal) == "paused"


def test_open_pause_after_the_due_date_changes_nothing():
    due = compute_due(RECEIVED, UNIVERSITY, pauses=[(date(2024, 4, 1), None)], calendar=cal)
    assert not due.paused and due.date == date(2024, 3, 22)


def test_pause_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="暂停区间"):
        compute_due(RECEIVED, UNIVERSITY, pauses=[(date(2024, 3, 8), date(2024, 3, 5))], calendar=cal)
