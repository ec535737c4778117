"""手机 and 固定电话, with the separators people type; amounts and dates are not phones."""

from __future__ import annotations

import pytest

from xxgk.screening import ScreeningConfig, scan_text

from .documents import budget_text


def found(text, kind):
    return [f.text for f in scan_text(text) if f.kind == kind]


@pytest.mark.parametrize(
    "number",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "+8613812345678",
        "0086-13812345678",
        "19912345678",
        "１３８１２３４５６７８",
    ],
)
def test_mobile_numbers_in_their_usual_spellings(number):
    assert found(f"联系人手机：{number}，欢迎来电。", "mobile") == [number]


def test_mobile_without_label_still_found():
    findings = [f for f in scan_text("请家长拨打15908981234咨询") if f.kind == "mobile"]
    assert [f.text for f in findings] == ["15908981234"]
    assert 0.8 <= findings[0].confidence < 0.97


@pytest.mark.parametrize(
    "text",
    [
        "订单号213812345678901",  # inside a longer run
        "编号12345678901",  # 12… is not a mobile prefix
        "基本支出共计15912345678元",  # an amount in 元
        "比例0.13812345678",  # a decimal
        "流水号A13812345678",  # preceded by a letter
    ],
)
def test_not_mobiles(text):
    assert found(text, "mobile") == []


@pytest.mark.parametrize(
    "number",
    [
        "0898-88651234",
        "010-62345678",
        "(0898)88651234",
        "（010）62345678",
        "0898-88651234转102",
        "020 87654321",
    ],
)
def test_landlines(number):
    assert found(f"办公电话：{number}。", "landline") == [number]


def test_phone_shaped_number_labelled_as_an_order_number_is_low_confidence():
    assert found("订单号：13812345678", "mobile") == []
    low = [f for f in scan_text("订单号：13812345678", ScreeningConfig(min_confidence=0)) if f.kind == "mobile"]
    assert low and low[0].confidence < 0.5


def test_landline_without_separator_needs_a_label():
    assert found("咨询电话：089888651234", "landline") == ["089888651234"]
    assert found("编码089888651234", "landline") == []


@pytest.mark.parametrize(
    "text",
    [
        "索引号：HNTOU-02-2023-0012",
        "发布日期：2023-08-31，截止日期2023-09-15",
        "2022-2023学年度，统计时间2022年9月1日至2023年8月31日",
        "文号：琼热海院〔2023〕12号，邮政编码：572022",
    ],
)
def test_dates_and_index_numbers_are_not_phones(text):
    assert [f for f in scan_text(text) if f.kind in ("mobile", "landline")] == []


def test_phone_like_numbers_in_a_budget_are_not_findings():
    assert scan_text(budget_text()) == []
