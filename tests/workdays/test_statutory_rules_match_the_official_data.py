"""The rules, computed for years the official data covers, give days that are holidays there too."""

from datetime import date

import chinese_calendar
import pytest

from xxgk.workdays.statutory import FROM_YEAR, holidays


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_computed_holiday_is_an_official_rest_day(year):
    computed = holidays(year)
    assert len(computed) == 13
    for day, name in computed.items():
        assert chinese_calendar.is_holiday(day), (day, name)


def test_spring_festival_2026_starts_on_new_years_eve():
    spring = sorted(d for d, name in holidays(2026).items() if name == "春节")
    assert spring == [date(2026, 2, 16), date(2026, 2, 17), date(2026, 2, 18), date(2026, 2, 19)]


def test_no_rules_before_they_applied():
    with pytest.raises(ValueError):
        holidays(FROM_YEAR - 1)


def test_two_festivals_on_one_day_are_one_rest_day_with_both_names():
    days = holidays(2028)
    assert days[date(2028, 10, 3)] == "中秋节、国庆节"
    assert len(days) == 12
