"""银行卡号: 16–19 digits passing Luhn; serial numbers that fail Luhn are not cards."""

from __future__ import annotations

from xxgk.screening import ScreeningConfig, scan_text

from .documents import luhn_complete, luhn_fail, make_id


def cards(text, **kw):
    return [f for f in scan_text(text, ScreeningConfig(**kw)) if f.kind == "bank_card"]


def test_unionpay_card_with_label():
    number = luhn_complete("622202123456789012")
    hit = cards(f"银行卡号：{number}")
    assert [f.text for f in hit] == [number]
    assert hit[0].confidence >= 0.9


def test_sixteen_digit_card_without_label():
    number = luhn_complete("621700123456789")
    hit = cards(f"请将补助发放至{number}。")
    assert [f.text for f in hit] == [number]


def test_card_written_in_groups_of_four():
    number = luhn_complete("622848001234567890")
    grouped = " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    assert [f.text for f in cards(f"卡号 {grouped}")] == [grouped]


def test_serial_number_failing_luhn_is_not_a_card():
    serial = luhn_fail("622202123456789012")
    assert len(serial) == 19
    assert cards(f"设备序列号{serial}", min_confidence=0) == []
    assert cards(f"银行卡号：{serial}", min_confidence=0) == []


def test_not_inside_a_longer_run():
    number = luhn_complete("622202123456789012")
    assert cards(f"编号1{number}", min_confidence=0) == []


def test_a_valid_id_number_is_reported_as_an_id_not_a_card():
    # an ID number can pass Luhn by chance; the ID check wins
    for seq in range(100, 999):
        number = make_id("460101", "20000101", str(seq))
        if number[-1] != "X" and luhn_complete(number[:-1]) == number:
            break
    findings = scan_text(f"身份证号：{number}")
    assert [(f.kind, f.text) for f in findings] == [("id_card", number)]


def test_luhn_valid_number_with_unknown_prefix_is_low_confidence():
    number = luhn_complete("100000000000012")
    assert cards(f"代码为{number}") == []
    low = cards(f"代码为{number}", min_confidence=0)
    assert low and low[0].confidence < 0.5


def test_numbers_labelled_as_something_else_are_not_cards():
    number = luhn_complete("622202123456789012")
    assert cards(f"合同号：{number}", min_confidence=0) == []
