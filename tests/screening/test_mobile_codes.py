"""Eleven-digit codes that look like mobiles (文献编码、快递单号、订单号 …) are not reported;
real mobiles next to such words, or after a phone label, still are."""

from __future__ import annotations

import pytest

from xxgk.screening import ScreeningConfig, scan_text


def mobiles(text, **kw):
    return [f for f in scan_text(text, ScreeningConfig(**kw)) if f.kind == "mobile"]


@pytest.mark.parametrize(
    "text",
    [
        "文献编码15338277959，为了扩大影响",
        "快递单号：13812345678，请查收",
        "商品编码 18812345678 已入库",
        "订单编号13912345678的设备已验收",
        "订单号18612345678",
        "流水号：15012345678",
        "设备序列号17712345678",
        "批次号19912345678，有效期两年",
        "发票号码：13512345678",
        "统一社会信用代码13612345678",
        "根据第13812345678号决定，现予公布",
        "本刊第15012345678期",
    ],
)
def test_codes_shaped_like_mobiles_are_below_the_threshold(text):
    assert mobiles(text) == []
    low = mobiles(text, min_confidence=0)
    assert low and all(f.confidence < 0.5 for f in low)


@pytest.mark.parametrize(
    "text, number",
    [
        ("联系电话：13812345678", "13812345678"),
        ("快递单号SF1234567，收件人手机13812345678", "13812345678"),
        ("订单号2023001，联系电话：13912345678", "13912345678"),
        ("文献编码规则如有疑问，请致电15912345678", "15912345678"),
        ("编码员：张老师 手机 186-1234-5678", "186-1234-5678"),
        ("第一联系人13812345678", "13812345678"),
        ("请第一时间拨打13812345678号码", "13812345678"),
    ],
)
def test_mobiles_after_a_phone_word_are_reported_even_near_a_code(text, number):
    assert [f.text for f in mobiles(text)] == [number]


def test_a_code_column_of_a_plain_text_table_is_not_a_mobile_column():
    text = "录取通知书邮寄查询\n序号 姓名 快递单号\n1 王小明 13812345678\n2 李华 15912345678\n"
    assert mobiles(text) == []


def test_a_phone_column_of_a_plain_text_table_is_reported_with_its_label():
    text = "序号 姓名 联系电话\n1 王小明 13812345678\n2 李华 15912345678\n"
    found = mobiles(text)
    assert [f.text for f in found] == ["13812345678", "15912345678"]
    assert all(f.confidence >= 0.9 for f in found)
