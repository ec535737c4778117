"""National Day 2024: 10/1–10/7 off, Sunday 9/29 and Saturday 10/12 worked."""

from datetime import date

from xxgk.workdays import Calendar

cal = Calendar()


def test_make_up_days_are_workdays():
    assert cal.is_workday(date(2024, 9, 29))  # Sunday
    assert cal.is_workday(date(2024, 10, 12))  # Saturday
    assert not cal.is_workday(date(2024, 10, 13))  # the Sunday after stays off


def test_golden_week_is_off():
    for day in range(1, 8):
        info = cal.day(date(2024, 10, day))
        assert not info.is_workday
        assert info.holiday == "国庆节"


def test_add_across_golden_week():
    # 9/29 Sun (1), 9/30 Mon (2), 10/8 Tue (3)
    assert cal.add(date(2024, 9, 27), 3).date == date(2024, 10, 8)
    assert cal.add(date(2024, 9, 30), 1).date == date(2024, 10, 8)
    # 10/8–10/11 (4), Saturday 10/12 (5)
    assert cal.add(date(2024, 10, 7), 5).date == date(2024, 10, 12)


def test_count_from_start_day():
    # A Saturday make-up workday counts as day 1 when the start day counts.
    assert cal.add(date(2024, 10, 12), 1, count_from_next_day=False).date == date(2024, 10, 12)
    assert cal.add(date(2024, 10, 12), 1).date == date(2024, 10, 14)
    # A holiday start day does not count: first workday after it is day 1.
    assert cal.add(date(2024, 10, 3), 1, count_from_next_day=False).date == date(2024, 10, 8)


def test_zero_days_is_the_start_date():
    assert cal.add(date(2024, 10, 3), 0).date == date(2024, 10, 3)
