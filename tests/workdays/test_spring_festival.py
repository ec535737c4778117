"""2024 Spring Festival: 2/10–2/17 off, Sundays 2/4 and 2/18 are make-up workdays."""

from datetime import date

from xxgk.workdays import Calendar

cal = Calendar()


def test_make_up_sundays_are_workdays():
    for d in (date(2024, 2, 4), date(2024, 2, 18)):
        info = cal.day(d)
        assert d.weekday() == 6
        assert info.is_workday and info.is_makeup_workday
        assert info.source == "official" and info.known
        assert info.holiday == "春节"


def test_holiday_week_is_off():
    for day in range(10, 18):
        assert not cal.is_workday(date(2024, 2, day)), f"2024-02-{day}"
    assert cal.day(date(2024, 2, 12)).holiday == "春节"


def test_eve_is_an_ordinary_friday():
    # 除夕 2024-02-09 was not a statutory holiday.
    assert cal.is_workday(date(2024, 2, 9))


def test_add_across_the_festival():
    # 2/9 Fri (1), 2/10–17 off, 2/18 Sun (2), 2/19 Mon (3)
    assert cal.add(date(2024, 2, 8), 3).date == date(2024, 2, 19)
    # Friday 2/2 + 1: Saturday 2/3 is off, Sunday 2/4 is worked.
    assert cal.add(date(2024, 2, 2), 1).date == date(2024, 2, 4)
    # Friday 2/9 + 1 jumps the whole week to Sunday 2/18.
    assert cal.add(date(2024, 2, 9), 1).date == date(2024, 2, 18)


def test_add_result_is_certain_inside_the_data():
    span = cal.add(date(2024, 2, 8), 3)
    assert span.unknown_dates == () and span.certain
