"""Past the bundled data (2026 in chinesecalendar 1.11): weekend rule, flagged."""

from datetime import date

from xxgk.workdays import Calendar, unknown_dates_warning

cal = Calendar()


def test_day_outside_the_data_uses_the_weekend_rule():
    friday = cal.day(date(2027, 1, 1))
    assert friday.source == "weekend_rule" and not friday.known
    assert friday.is_workday  # New Year's Day, but the calendar cannot know yet
    assert not cal.is_workday(date(2027, 1, 2))  # Saturday


def test_add_into_the_unknown_lists_the_dates_it_rests_on():
    span = cal.add(date(2026, 12, 30), 5)
    # 12/31 (1), 1/1 (2), 1/4 (3), 1/5 (4), 1/6 (5)
    assert span.date == date(2027, 1, 6)
    assert not span.certain
    assert span.unknown_dates[0] == date(2027, 1, 1)
    assert date(2027, 1, 6) in span.unknown_dates
    assert date(2026, 12, 31) not in span.unknown_dates


def test_inside_the_data_nothing_is_unknown():
    assert cal.add(date(2026, 12, 1), 10).unknown_dates == ()
    count = cal.between(date(2026, 1, 1), date(2026, 12, 31))
    assert count.unknown_dates == () and count.certain


def test_between_into_the_unknown():
    count = cal.between(date(2026, 12, 30), date(2027, 1, 8))
    assert count.working_days == 7  # 12/31, then 1/1 and 1/4–1/8 by the weekend rule
    assert count.unknown_dates[0] == date(2027, 1, 1) and not count.certain


def test_an_override_makes_a_future_date_known():
    cal = Calendar({date(2027, 1, 1): False})
    info = cal.day(date(2027, 1, 1))
    assert info.known and info.source == "override"
    span = cal.add(date(2026, 12, 31), 1)
    assert span.date == date(2027, 1, 4)
    assert date(2027, 1, 1) not in span.unknown_dates


def test_warning_names_the_dates_in_chinese():
    msg = unknown_dates_warning([date(2027, 1, 4)])
    assert msg.startswith("注意：2027-01-04")
    assert "2026" in msg and "周末规则" in msg and "覆盖表" in msg
    many = unknown_dates_warning([date(2027, 1, d) for d in range(1, 9)])
    assert "2027-01-01" in many and "等8个日期" in many
    assert unknown_dates_warning([]) is None
