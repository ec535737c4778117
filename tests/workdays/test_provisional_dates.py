"""After the bundled data (2026 in chinesecalendar 1.11): statutory holidays by the 2025 rules, 暂定."""

from datetime import date

from xxgk.workdays import Calendar, compute_due, preset, provisional_dates_warning

cal = Calendar()


def test_new_years_day_2027_is_a_provisional_holiday():
    info = cal.day(date(2027, 1, 1))
    assert (info.is_workday, info.source, info.known, info.provisional) == (False, "statutory_rule", True, True)
    assert info.holiday == "元旦"
    assert cal.day(date(2027, 1, 4)).is_workday and cal.day(date(2027, 1, 4)).provisional
    assert not cal.is_workday(date(2027, 1, 2))  # Saturday
    assert cal.year_status(2027) == "provisional" and cal.year_status(2026) == "firm"


def test_fifteen_working_days_after_2026_12_18_is_2027_01_11():
    span = cal.add(date(2026, 12, 18), 15)
    assert span.date == date(2027, 1, 11)
    assert span.provisional and not span.certain and span.unknown_dates == ()
    assert span.provisional_dates[0] == date(2027, 1, 1)
    assert all(d.year == 2027 for d in span.provisional_dates)


def test_spring_festival_2027_runs_from_new_years_eve_to_the_third_day():
    span = cal.add(date(2027, 2, 1), 5)
    assert span.date == date(2027, 2, 10)
    for day in (5, 6, 7, 8):
        assert cal.day(date(2027, 2, day)).holiday == "春节" and not cal.is_workday(date(2027, 2, day))
    assert cal.is_workday(date(2027, 2, 4)) and cal.is_workday(date(2027, 2, 9))


def test_the_other_2027_holidays():
    named = {d: cal.day(d).holiday for d in (date(2027, 4, 5), date(2027, 5, 2), date(2027, 6, 9), date(2027, 9, 15))}
    assert named == {
        date(2027, 4, 5): "清明节",
        date(2027, 5, 2): "劳动节",
        date(2027, 6, 9): "端午节",
        date(2027, 9, 15): "中秋节",
    }
    assert [cal.is_workday(date(2027, 10, d)) for d in range(1, 5)] == [False, False, False, True]


def test_a_due_date_resting_on_provisional_days_says_so():
    due = compute_due(date(2026, 12, 18), preset("university"), calendar=cal)
    assert due.date == date(2027, 1, 11) and due.provisional and not due.certain
    firm = compute_due(date(2026, 11, 2), preset("university"), calendar=cal)
    assert firm.certain and not firm.provisional


def test_an_override_still_wins_and_an_entered_arrangement_makes_the_year_firm():
    assert Calendar({date(2027, 1, 1): True}).is_workday(date(2027, 1, 1))
    arranged = Calendar(arrangements={2027: {date(2027, 1, 1): False, date(2027, 2, 20): True}})
    assert arranged.year_status(2027) == "firm"
    saturday = arranged.day(date(2027, 2, 20))
    assert (saturday.is_workday, saturday.source, saturday.provisional) == (True, "arrangement", False)
    # the arrangement lists what is off; 除夕 is not listed, so it is a workday in this (made-up) arrangement
    assert arranged.is_workday(date(2027, 2, 5))
    span = arranged.add(date(2026, 12, 18), 15)
    assert span.date == date(2027, 1, 11) and span.certain


def test_a_closure_is_a_rest_day_that_wins():
    closed = Calendar({date(2026, 12, 21): True}, closures={date(2026, 12, 21): "校庆"})
    info = closed.day(date(2026, 12, 21))
    assert (info.is_workday, info.source, info.holiday) == (False, "closure", "校庆")
    assert closed.add(date(2026, 12, 18), 1).date == date(2026, 12, 22)


def test_warning_names_the_years():
    assert provisional_dates_warning([date(2027, 1, 4), date(2027, 2, 1)]).startswith("暂定：2027年")
    assert provisional_dates_warning([]) is None
