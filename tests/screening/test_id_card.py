"""身份证号: 18 digits with a valid check digit and birth date, or 15-digit legacy numbers."""

from __future__ import annotations

import random

from xxgk.screening import ScreeningConfig, scan_text
from xxgk.screening.detectors.id_card import check_digit, valid_id

from .documents import make_id, wrong_check


def ids(text, **kw):
    return [f.text for f in scan_text(text, ScreeningConfig(**kw)) if f.kind == "id_card"]


def test_valid_id_in_a_sentence_is_found_with_high_confidence():
    number = make_id("460101", "20020315", "123")
    findings = scan_text(f"考生王小明（身份证号：{number}）已被录取。")
    hit = [f for f in findings if f.kind == "id_card"]
    assert [f.text for f in hit] == [number]
    assert hit[0].confidence >= 0.95
    assert hit[0].reason


def test_check_digit_x_is_accepted_in_either_case():
    # find a body whose check digit is X
    for seq in range(100, 999):
        number = make_id("110105", "19990101", str(seq))
        if number.endswith("X"):
            break
    assert ids(f"身份证：{number}") == [number]
    assert ids(f"身份证：{number.lower()}") == [number.lower()]


def test_wrong_check_digit_is_not_a_finding():
    number = wrong_check(make_id())
    assert ids(f"身份证号 {number}", min_confidence=0) == []


def test_implausible_birth_dates_are_not_findings():
    future = make_id("460101", "20991231", "123")
    feb30 = make_id("460101", "20020230", "123")
    unknown_region = make_id("990101", "20020315", "123")
    assert ids(f"{future} {feb30} {unknown_region}", min_confidence=0) == []


def test_not_matched_inside_a_longer_digit_run():
    number = make_id()
    assert ids(f"流水号9{number}7", min_confidence=0) == []
    assert ids(f"编号{number}0", min_confidence=0) == []


def test_legacy_15_digit_id_with_plausible_date():
    legacy = "460101850315123"  # 1985-03-15
    assert ids(f"身份证号码：{legacy}") == [legacy]
    found = [f for f in scan_text(f"原证号 {legacy} 已作废") if f.kind == "id_card"]
    assert found and found[0].confidence < 0.9
    assert ids("身份证号码：460101851315123", min_confidence=0) == []  # month 13


def test_full_width_digits():
    number = make_id()
    wide = number.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    assert ids(f"身份证号：{wide}") == [wide]


def test_library_check_digit_agrees_with_the_standard():
    rnd = random.Random(7)
    for _ in range(200):
        body = "46" + "".join(rnd.choice("0123456789") for _ in range(15))
        assert check_digit(body) == make_id(body[:6], body[6:14], body[14:])[-1]


def test_several_ids_on_table_lines_are_all_found():
    numbers = [make_id("460101", f"2001{m:02d}15", "321") for m in range(1, 13)]
    text = "序号\t身份证号\n" + "\n".join(f"{i}\t{n}" for i, n in enumerate(numbers, 1))
    assert ids(text) == numbers
    assert all(valid_id(n) for n in numbers)
