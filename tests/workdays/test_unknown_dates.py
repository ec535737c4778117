"""Before the bundled data (chinesecalendar starts in 2004) and before the rules: weekend rule, flagged."""

from datetime import date

from xxgk.workdays import Calendar, unknown_dates_warning

cal = Calendar()


def test_day_before_the_data_uses_the_weekend_rule():
    new_year = cal.day(date(2003, 1, 1))  # a Wednesday
    assert new_year.source == "weekend_rule" and not new_year.known and not new_year.provisional
    assert new_year.is_workday  # New Year's Day, but the calendar cannot know
    assert not cal.is_workday(date(2003, 1, 4))  # Saturday
    assert cal.year_status(2003) == "unknown"


def test_add_through_unknown_dates_lists_them():
    span = cal.add(date(2003, 12, 30), 5)
    # 12/31 (1), then 2004 is in the data: 1/1 holiday, 1/2 (2), 1/5 (3), 1/6 (4), 1/7 (5)
    assert span.date == date(2004, 1, 7)
    assert not span.certain
    assert span.unknown_dates == (date(2003, 12, 31),)


def test_inside_the_data_nothing_is_unknown():
    assert cal.add(date(2026, 12, 1), 10).unknown_dates == ()
    count = cal.between(date(2026, 1, 1), date(2026, 12, 31))
    assert count.unknown_dates == () and count.provisional_dates == () and count.certain


def test_an_override_makes_an_old_date_known():
    cal = Calendar({date(2003, 1, 1): False})
    info = cal.day(date(2003, 1, 1))
    assert info.known and info.source == "override"
    span = cal.add(date(2002, 12, 31), 1)
    assert span.date == date(2003, 1, 2)
    assert date(2003, 1, 1) not in span.unknown_dates


def test_warning_names_the_dates_in_chinese():
    msg = unknown_dates_warning([date(2003, 1, 6)])
    assert msg.startswith("注意：2003-01-06")
    assert "2026" in msg and "周末规则" in msg and "覆盖表" in msg
    many = unknown_dates_warning([date(2003, 1, d) for d in range(1, 9)])
    assert "2003-01-01" in many and "等8个日期" in many
    assert unknown_dates_warning([]) is None
