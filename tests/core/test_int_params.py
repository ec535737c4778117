"""Whole numbers read from GET/POST: a missing or malformed value is None (or the caller's default), never an error."""

from __future__ import annotations

import pytest

from xxgk.core.params import id_param, int_param, page_param, year_param


@pytest.mark.parametrize("value, expected", [("7", 7), ("0", 0), ("-3", -3), (None, None), ("", None), ("七", None)])
def test_a_whole_number_or_none(value, expected):
    assert int_param(value) == expected


def test_below_the_minimum_is_none():
    assert [int_param(v, minimum=1) for v in ("2024", "1", "0", "-1")] == [2024, 1, None, None]


def test_the_default_stands_for_anything_unusable():
    assert [int_param(v, minimum=0, default=-1) for v in ("3", None, "abc", "-2")] == [3, -1, -1, -1]


def test_above_the_maximum_is_the_default():
    assert [int_param(v, maximum=10, default=0) for v in ("10", "11", "9" * 40)] == [10, 0, 0]


def test_ids_years_and_pages_stay_in_the_range_a_database_accepts():
    huge = "9" * 30
    assert id_param(huge) is None and id_param("12") == 12
    assert year_param("99999") is None and year_param("2024") == 2024
    assert page_param(huge) == 1 and page_param("0") == 1 and page_param("3") == 3
