"""The statistics period, from the phrasings reports use."""

from __future__ import annotations

import datetime as dt

import pytest

from xxgk.reportcheck import check
from xxgk.reportcheck.period import find_period
from xxgk.reportcheck.text import normalize


def period_of(text: str):
    p = find_period(normalize(text), text)
    return (p.start.isoformat(), p.end.isoformat()) if p else None


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("统计期限为2024年9月1日到2025年8月31日止。", "2024-09-01", "2025-08-31"),
        ("本报告数据自2018年9月1日起至2019年8月31日止。", "2018-09-01", "2019-08-31"),
        ("2022年9月至2023年8月，通过学校官网各栏目共发布信息1312条", "2022-09-01", "2023-08-31"),
        ("统计时间为2019年9月1日—2020年10月31日。", "2019-09-01", "2020-10-31"),
        ("统计起止时间为2022年9月1日至2023年8月31日。", "2022-09-01", "2023-08-31"),
        ("统计区间：2022.9.1-2023.8.31", "2022-09-01", "2023-08-31"),
        ("统计期限为2022年9月1日至8月31日", "2022-09-01", "2023-08-31"),
        ("統計期限為2023年9月1日至2024年8月31日", "2023-09-01", "2024-08-31"),
        ("统计期限为２０２３年９月１日至２０２４年８月３１日", "2023-09-01", "2024-08-31"),
    ],
)
def test_phrasings(text, start, end):
    assert period_of(text) == (start, end)


def test_month_only_ends_on_the_last_day_of_the_month():
    assert period_of("2023年9月至2024年2月") == ("2023-09-01", "2024-02-29")


def test_a_range_introduced_by_statistics_wins_over_an_earlier_one():
    text = "2023年3月1日至2023年3月15日开展自查。本报告统计期限为2022年9月1日至2023年8月31日。"
    assert period_of(text) == ("2022-09-01", "2023-08-31")


def test_without_keyword_a_year_long_range_wins_over_a_short_one():
    text = "2023年3月1日至2023年3月15日开展自查。2022年9月至2023年8月，发布信息10条。"
    assert period_of(text) == ("2022-09-01", "2023-08-31")


def test_academic_year_alone_gives_an_inferred_period_with_a_warning():
    rep = check("某大学2022-2023学年信息公开工作年度报告\n一、概述\n2022—2023年度，学校……")
    assert (rep.period.start, rep.period.end, rep.period.inferred) == (dt.date(2022, 9, 1), dt.date(2023, 8, 31), True)
    codes = [f.code for f in rep.findings]
    assert "period_inferred" in codes and "period_not_found" not in codes


def test_seeds(hainan, quanzhou):
    assert hainan.period.start == dt.date(2022, 9, 1) and hainan.period.end == dt.date(2023, 8, 31)
    assert hainan.period.text == "2022年9月至2023年8月"
    assert quanzhou.to_dict()["period"] == {"start": "2022-09-01", "end": "2023-08-31"}
    assert quanzhou.period.text == "2022年9月1日至2023年8月31日"
