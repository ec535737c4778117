"""Dates damaged in copying: 年 or 月 lost with no space left, a space inside a number, the period in
the middle of a sentence, and dates in Chinese numerals — and digits that only look like a date."""

from __future__ import annotations

import datetime as dt

import pytest

from xxgk.reportcheck import check
from xxgk.reportcheck.period import find_period
from xxgk.reportcheck.text import normalize

YEAR = (dt.date(2022, 9, 1), dt.date(2023, 8, 31))


def period_of(text):
    p = find_period(normalize(text), text)
    return (p.start, p.end) if p else None


@pytest.mark.parametrize(
    "text",
    [
        "统计期限为20229月1日至20238月31日。",  # 年 lost
        "统计期限为2022年91日至2023年831日。",  # 月 lost
        "统计期限为202 2年9月1日至2023年8月3 1日。",  # a space inside a number
        "统计期限为2022年 9 月 1 日至 2023 年 8 月 31 日。",  # spaces around every part
        "统计期限为二〇二二年九月一日至二〇二三年八月三十一日。",  # Chinese numerals
        "學校對2022年9月1日至2023年8月31日期間的信息公開工作進行了總結，並編制本報告。",  # mid-sentence
    ],
)
def test_damaged_dates(text):
    assert period_of(text) == YEAR


def test_the_period_is_quoted_as_written():
    rep = check("某大学\n学校对202 2年9月1日至2023年8月3 1日期间的工作进行了总结。\n")
    assert rep.period.text == "202 2年9月1日至2023年8月3 1日"
    assert (rep.period.start, rep.period.end) == YEAR and not rep.period.inferred


@pytest.mark.parametrize(
    "text",
    [
        "2022年91所高校参加评议，至2023年共有120所。",
        "经费增长2.5-3.8个百分点。",
        "共有12022年度项目。",
    ],
)
def test_digits_that_are_no_period(text):
    rep = check(text)
    assert rep.period is None or rep.period.inferred
