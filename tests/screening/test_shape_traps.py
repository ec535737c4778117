"""What the grouped, prefixed and split shapes must not catch: masked values, 统一社会信用
代码, landlines, ISBNs, serials after 准考证号/订单号, non-Luhn 19-digit numbers (grouped
too), dates and amounts with dots, and two ordinary numbers on consecutive lines."""

from __future__ import annotations

import pytest

from xxgk.screening import ScreeningConfig, scan_text

from .documents import luhn_fail

CORE = ("id_card", "mobile", "bank_card", "email")
SERIAL = luhn_fail("622202123456789012")  # 19 digits, card prefix, Luhn fails


def core(text, **kw):
    return [(f.kind, f.text) for f in scan_text(text, ScreeningConfig(**kw)) if f.kind in CORE]


def kinds(text, **kw):
    return [(f.kind, f.text) for f in scan_text(text, ScreeningConfig(**kw))]


@pytest.mark.parametrize(
    "text",
    [
        "手机：138****5678",
        "手机：138 **** 5678",
        "身份证号：4601**********1234",
        "身份证号：4601 ******** 1234",
        "卡号：6222 **** **** 1234",
        "邮箱：z****@hntou.edu.cn",
    ],
)
def test_masked_values_are_not_findings(text):
    assert core(text, min_confidence=0) == []


def test_a_masked_name_is_not_a_name():
    assert kinds("获奖学生：张*明，李*。") == []


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91460000MA5T1234X2", "12460000428200046F"])
def test_unified_social_credit_codes_are_not_findings(code):
    assert kinds(f"统一社会信用代码：{code}", min_confidence=0) == []


@pytest.mark.parametrize(
    "text, found",
    [
        ("办公电话：0898-66666666", "0898-66666666"),
        ("传真：(0898)66666666", "(0898)66666666"),
        ("电话：010-62751234", "010-62751234"),
        ("电话：0898-8812 3456", None),
    ],
)
def test_landlines_stay_landlines(text, found):
    got = kinds(text, min_confidence=0)
    assert all(k != "mobile" for k, _ in got)
    if found:
        assert got == [("landline", found)]


@pytest.mark.parametrize(
    "text",
    [
        "ISBN 978-7-5618-1234-5",
        "ISBN 978-7-302-12345-6，定价45.00元",
        "书号：978 7 302 12345 6",
        "ISBN 9787302123456",
    ],
)
def test_isbns_are_not_findings(text):
    assert kinds(text, min_confidence=0) == []


@pytest.mark.parametrize("text", ["订单号13912345678", "订单号：139 1234 5678", "订单号：139-1234-5678"])
def test_serials_after_order_words_are_not_mobiles(text):
    assert core(text) == []


def test_a_number_after_an_admission_ticket_word_is_an_exam_number_not_a_mobile():
    assert [k for k, _ in kinds("准考证号13912345678")] == ["exam_number"]


@pytest.mark.parametrize(
    "written",
    [
        SERIAL,
        " ".join(SERIAL[i : i + 4] for i in range(0, 19, 4)),
        "-".join(SERIAL[i : i + 4] for i in range(0, 19, 4)),
    ],
)
def test_non_luhn_19_digit_numbers_are_not_cards(written):
    assert core(f"设备序列号{written}", min_confidence=0) == []
    assert core(f"卡号：{written}", min_confidence=0) == []


@pytest.mark.parametrize(
    "text",
    [
        "发布日期：2024.10.08",
        "2024.10.08 至 2024.10.15",
        "合同金额1,234,567.89元",
        "预算 12345678.90 万元",
        "版本 13.912.345.678",
        "IP 192.168.100.200",
        "2024.10.08.13912",
    ],
)
def test_dates_and_amounts_with_dots_are_not_findings(text):
    assert kinds(text, min_confidence=0) == []


@pytest.mark.parametrize(
    "text",
    [
        "第一部分完\n12\n2024年10月8日印发\n",
        "\n- 3 -\n2024年度工作总结\n",
        "\n138\n20231015批次入库\n",
        "序号 金额\n1 4755.82\n2 93700.19\n",
        "共13912\n页，另附345678份\n",
    ],
)
def test_ordinary_numbers_on_consecutive_lines_are_not_joined(text):
    assert core(text, min_confidence=0) == []
