"""考生号 and 学号 are told apart from other numbers by a label or a column header.

Plain 14-digit numbers far from any 考生号 are scored 0.4 (under the default threshold):
they are shown only when asked for everything."""

from __future__ import annotations

from xxgk.screening import ScreeningConfig, scan_text

from .documents import admission_list_text, aid_list_text


def of(findings, kind):
    return [f.text for f in findings if f.kind == kind]


def test_exam_number_after_a_label():
    assert of(scan_text("考生号：23460101150123，请于8月前报到"), "exam_number") == ["23460101150123"]
    assert of(scan_text("该生（考生号23460101150123）"), "exam_number") == ["23460101150123"]


def test_exam_numbers_under_a_header_line():
    assert of(scan_text(admission_list_text()), "exam_number") == ["23460101150123", "23460201150456", "23350581100789"]


def test_plain_14_digit_number_far_from_context_is_low_confidence():
    text = "本批次共计23460101150123件"
    assert of(scan_text(text), "exam_number") == []
    low = [
        f for f in scan_text("编码 23460101150123 已归档", ScreeningConfig(min_confidence=0)) if f.kind == "exam_number"
    ]
    assert low and low[0].confidence < 0.5


def test_14_digit_number_with_impossible_province_is_nothing():
    assert of(scan_text("编码 23990101150123", ScreeningConfig(min_confidence=0)), "exam_number") == []


def test_student_numbers_under_a_header_line():
    assert of(scan_text(aid_list_text()), "student_number") == ["2021010105", "2022030217", "2021050333"]


def test_student_number_after_label_and_institution_pattern():
    config = ScreeningConfig(student_number_pattern=r"20\d{8}")
    hit = [f for f in scan_text("学号：2021040122", config) if f.kind == "student_number"]
    assert hit[0].confidence >= 0.95
    odd = [f for f in scan_text("学号：19880122", config) if f.kind == "student_number"]
    assert odd and odd[0].confidence < hit[0].confidence


def test_institution_pattern_without_label_is_low_confidence():
    config = ScreeningConfig(student_number_pattern=r"20\d{8}", min_confidence=0)
    low = [f for f in scan_text("材料 2021040122 已归档", config) if f.kind == "student_number"]
    assert low and low[0].confidence < 0.5
    assert (
        of(scan_text("材料 2021040122 已归档", ScreeningConfig(student_number_pattern=r"20\d{8}")), "student_number")
        == []
    )


def test_student_numbers_with_letters_when_the_pattern_says_so():
    config = ScreeningConfig(student_number_pattern=r"B20\d{6}")
    assert of(scan_text("学号：B20230101", config), "student_number") == ["B20230101"]
