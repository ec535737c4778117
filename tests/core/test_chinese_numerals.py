"""Numbers written in Chinese the way official documents write them, past 十 too."""

from __future__ import annotations

import pytest

from xxgk.core.numerals import cn_number, cn_paren


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (7, "七"),
        (10, "十"),
        (11, "十一"),
        (15, "十五"),
        (20, "二十"),
        (21, "二十一"),
        (50, "五十"),
        (99, "九十九"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (123, "一百二十三"),
    ],
)
def test_cn_number(n, text):
    assert cn_number(n) == text


def test_subsection_numbers_past_ten():
    assert [cn_paren(n) for n in (9, 10, 11, 12)] == ["（九）", "（十）", "（十一）", "（十二）"]
