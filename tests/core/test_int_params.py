"""Whole numbers read from GET/POST: a missing or malformed value is None (or the caller's default), never an error."""

from __future__ import annotations

import pytest

from xxgk.core.params import int_param


@pytest.mark.parametrize("value, expected", [("7", 7), ("0", 0), ("-3", -3), (None, None), ("", None), ("七", None)])
def test_a_whole_number_or_none(value, expected):
    assert int_param(value) == expected


def test_below_the_minimum_is_none():
    assert [int_param(v, minimum=1) for v in ("2024", "1", "0", "-1")] == [2024, 1, None, None]


def test_the_default_stands_for_anything_unusable():
    assert [int_param(v, minimum=0, default=-1) for v in ("3", None, "abc", "-2")] == [3, -1, -1, -1]
