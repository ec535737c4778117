"""Periods as they are written in copied reports: a year of months with dots, 年/月 lost to spaces,
a space inside a date, a period in the middle of a sentence, and only a 学年度 or a 年度."""

import datetime as dt

import pytest

from xxgk.reportcheck import check


@pytest.mark.parametrize(
    "text",
    [
        "本报告统计期间为2022.9-2023.8。",
        "统计期限自2022 9 1至2023 8 31止。",
        "本报告所列数据的统计期限自2022年 9月1日起至2023年8月 31日止。",
        "根据要求，学校对自2022年9月1日至2023年8月31日期间的信息公开工作进行了总结。",
    ],
)
def test_academic_year_ranges(text):
    period = check(text).period
    assert (period.start, period.end, period.inferred) == (dt.date(2022, 9, 1), dt.date(2023, 8, 31), False)


def test_a_decimal_is_not_a_period():
    assert check("经费增长2.5-3.8个百分点。").period is None


def test_only_a_named_academic_year():
    report = check("本报告为我校2022—2023学年度信息公开工作年度报告。")
    assert (report.period.start, report.period.end, report.period.inferred) == (
        dt.date(2022, 9, 1),
        dt.date(2023, 8, 31),
        True,
    )
    warning = next(f for f in report.findings if f.code == "period_inferred")
    assert "2022年9月1日至2023年8月31日" in warning.message


def test_only_a_named_calendar_year():
    period = check("学校2023年度信息公开工作报告。").period
    assert (period.start, period.end, period.inferred) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31), True)
