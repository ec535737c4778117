"""An office override wins over the official calendar."""

from datetime import date

import pytest

from xxgk.workdays import Calendar


def test_override_turns_a_workday_into_a_holiday():
    assert Calendar().add(date(2024, 9, 30), 1).date == date(2024, 10, 8)
    cal = Calendar({date(2024, 10, 8): False})
    assert cal.add(date(2024, 9, 30), 1).date == date(2024, 10, 9)
    info = cal.day(date(2024, 10, 8))
    assert info.source == "override" and info.known and not info.is_workday


def test_override_turns_a_weekend_into_a_workday():
    assert Calendar().add(date(2024, 10, 12), 1).date == date(2024, 10, 14)
    cal = Calendar({date(2024, 10, 13): True})
    assert cal.add(date(2024, 10, 12), 1).date == date(2024, 10, 13)


def test_override_beats_a_make_up_day():
    cal = Calendar({date(2024, 10, 12): False})
    assert not cal.is_workday(date(2024, 10, 12))
    # 10/9, 10/10, 10/11, (10/12), 10/14
    assert Calendar().between(date(2024, 10, 8), date(2024, 10, 14)).working_days == 5
    assert cal.between(date(2024, 10, 8), date(2024, 10, 14)).working_days == 4


def test_override_changes_a_count():
    a, b = date(2024, 1, 25), date(2024, 2, 26)
    assert Calendar().between(a, b).working_days == 19
    assert Calendar({date(2024, 2, 9): False}).between(a, b).working_days == 18


def test_later_changes_to_the_mapping_do_not_leak_in():
    table = {date(2024, 10, 8): False}
    cal = Calendar(table)
    table[date(2024, 10, 8)] = True
    assert not cal.is_workday(date(2024, 10, 8))


def test_negative_n_is_refused():
    with pytest.raises(ValueError, match="负数"):
        Calendar().add(date(2024, 10, 8), -1)
