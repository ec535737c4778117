"""The one period parser (`xxgk.core.periods`): academic years, calendar years and ranges read from a
query string; anything unreadable is ignored (None, then the page's default), never an error."""

from __future__ import annotations

from datetime import date

import pytest

from xxgk.core import periods
from xxgk.core.periods import ACADEMIC, CALENDAR, RANGE


def test_academic_year_in_every_spelling():
    for params in ({"year": "2022-2023"}, {"year": "2022—2023"}, {"year": "2022"}, {"period": "ay:2022"}):
        p = periods.from_params(params)
        assert (p.start, p.end, p.kind) == (date(2022, 9, 1), date(2023, 8, 31), ACADEMIC)
        assert p.label == "2022—2023学年" and p.query == "year=2022-2023" and p.word == "本学年"


def test_calendar_year():
    for params in ({"cy": "2023"}, {"period": "cy:2023"}):
        p = periods.from_params(params)
        assert (p.start, p.end, p.kind, p.label, p.word) == (
            date(2023, 1, 1),
            date(2023, 12, 31),
            CALENDAR,
            "2023年",
            "本年度",
        )
        assert p.query == "cy=2023"


def test_custom_range_and_whole_years_typed_as_a_range():
    p = periods.from_params({"period": "range", "start": "2023-01-01", "end": "2023-06-30"})
    assert (p.start, p.end, p.kind) == (date(2023, 1, 1), date(2023, 6, 30), RANGE)
    assert p.label == "2023年1月1日至2023年6月30日" and p.word == "本期"
    assert p.query == "start=2023-01-01&end=2023-06-30"
    assert periods.from_params({"start": "2023-01-01", "end": "2023-06-30"}) == p  # without the select
    assert periods.from_params({"start": "2022-09-01", "end": "2023-08-31"}).kind == ACADEMIC
    assert periods.from_params({"period": "range", "start": "2024-01-01", "end": "2024-12-31"}).kind == CALENDAR


@pytest.mark.parametrize(
    "params",
    [
        {"year": "2022-2024"},
        {"year": "abc"},
        {"year": "99999"},
        {"year": "-1"},
        {"year": "2022-"},
        {"cy": "0"},
        {"cy": "１２"},
        {"period": "ay:x"},
        {"period": "cy:99999999999999999999"},
        {"period": "zz:2023"},
        {"period": "range", "start": "2023-12-31", "end": "2023-01-01"},  # inverted
        {"period": "range", "start": "2023-02-30", "end": "2023-03-01"},  # no such day
        {"period": "range", "start": "0001-01-01", "end": "2023-03-01"},
        {"period": "range", "start": "2023-01-01"},
        {"start": "yesterday", "end": "today"},
        {"period": "range", "start": "2023-01-01", "end": "9999-12-31"},
    ],
)
def test_bad_values_are_ignored(params):
    assert periods.from_params(params) is None
    choice = periods.choose(params, [date(2023, 3, 2)], today=date(2026, 12, 5))
    assert choice.ignored and choice.period == periods.academic_year(2022)  # the default, with a warning


def test_a_calendar_year_asked_for_is_listed_even_without_data():
    choice = periods.choose({"cy": "2019"}, [date(2023, 3, 2)], today=date(2026, 12, 5))
    assert [p.label for p in choice.calendar] == ["2023年", "2019年"]
    assert not choice.has_data and not choice.ignored
