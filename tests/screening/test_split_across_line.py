"""A value split by one line break, as PDF text extraction leaves it (11010519491⏎231002X):
found as one finding whose span covers both pieces, and masked keeping the line break —
but only when the joined value passes the full check of its kind and nothing but the
line break stands between the pieces."""

from __future__ import annotations

import pytest

from xxgk.screening import ScreeningConfig, scan_text
from xxgk.screening.mask import mask_text

from .documents import CARD, luhn_fail, make_id, wrong_check

ID = make_id("110105", "19491231", "100")
MOBILE = "13912345678"


def found(text, **kw):
    return [(f.kind, f.text) for f in scan_text(text, ScreeningConfig(**kw)) if f.kind != "person_name"]


@pytest.mark.parametrize("cut", [6, 11, 14, 17])
def test_an_id_split_by_a_line_break_is_one_finding(cut):
    value = ID[:cut] + "\n" + ID[cut:]
    text = f"申请人身份证号：{value}，现就读于我校。"
    assert found(text) == [("id_card", value)]


def test_an_id_with_x_split_before_its_last_digits():
    for seq in range(100, 999):
        number = make_id("110105", "19491231", str(seq))
        if number.endswith("X"):
            break
    value = number[:11] + "\n" + number[11:17] + "x"
    assert found(f"身份证号：{value}") == [("id_card", value)]
    value = number[:17] + "\n" + number[17]  # only the X on the next line: not a number
    assert ("id_card", value) not in found(f"身份证号：{value}")


@pytest.mark.parametrize("value", [MOBILE[:6] + "\n" + MOBILE[6:], "1391234\n5678", "139 1234\n5678", "139-1234\n5678"])
def test_a_mobile_split_by_a_line_break_is_one_finding(value):
    assert found(f"联系手机：{value}。") == [("mobile", value)]


def test_a_card_split_by_a_line_break_is_one_finding():
    for value in (CARD[:10] + "\n" + CARD[10:], f"{CARD[:4]} {CARD[4:8]} {CARD[8:12]}\n{CARD[12:16]} {CARD[16:]}"):
        assert found(f"银行卡号：{value}，开户行：中国银行") == [("bank_card", value)]


def test_masking_a_split_value_keeps_the_line_break():
    text = f"身份证号：{ID[:11]}\n{ID[11:]}，手机{MOBILE[:6]}\n{MOBILE[6:]}。"
    masked = mask_text(text, scan_text(text))
    assert masked == f"身份证号：{ID[:4]}*******\n***{ID[14:]}，手机139***\n*5678。"
    assert masked.count("\n") == 2 and len(masked) == len(text)


def test_a_split_value_is_found_in_an_extracted_pdf_like_text():
    text = f"学生信息登记表\n姓名：王小明 身份证号：{ID[:9]}\n{ID[9:]} 手机：{MOBILE}\n第 1 页\n"
    assert found(text) == [("id_card", f"{ID[:9]}\n{ID[9:]}"), ("mobile", MOBILE)]


@pytest.mark.parametrize(
    "text",
    [
        # the joined value fails its check: no join, and the pieces are no findings
        f"身份证号：{wrong_check(ID)[:11]}\n{wrong_check(ID)[11:]}",
        f"卡号：{luhn_fail('622202123456789012')[:10]}\n{luhn_fail('622202123456789012')[10:]}",
        # a page number on a line of its own, then a year or a date
        "…以上为第一部分。\n138\n20231015批次入库\n",
        "- 12 -\n2024年10月8日\n",
        "12\n2024年10月8日",
        # two lines of a table of amounts
        "项目支出 4755.82\n1234567.89\n",
    ],
)
def test_numbers_that_only_look_joined_are_not_joined(text):
    assert [k for k, _ in found(text, min_confidence=0) if k in ("id_card", "mobile", "bank_card")] == []


def test_only_one_line_break_with_nothing_else_between():
    assert found(f"身份证号：{ID[:11]}\n\n{ID[11:]}", min_confidence=0) == []
    assert found(f"身份证号：{ID[:11]}\n（续）{ID[11:]}", min_confidence=0) == []
    assert found(f"手机：{MOBILE[:6]} \n{MOBILE[6:]}", min_confidence=0) == []
    assert found(f"手机：{MOBILE[:6]}\n\n{MOBILE[6:]}", min_confidence=0) == []


def test_two_docx_paragraphs_are_not_joined(tmp_path):
    import docx

    from xxgk.screening.extract import extract
    from xxgk.screening.scan import scan_extracted

    d = docx.Document()
    d.add_paragraph(f"身份证号：{ID[:11]}")
    d.add_paragraph(f"{ID[11:]}，手机{MOBILE}")
    path = tmp_path / "two.docx"
    d.save(path)
    assert [(f.kind, f.text) for f in scan_extracted(extract(str(path)))] == [("mobile", MOBILE)]


def test_a_value_split_over_two_pdf_lines_is_found_and_masked(tmp_path):
    from xxgk.screening.extract import extract
    from xxgk.screening.masking_files import mask_file
    from xxgk.screening.scan import scan_extracted

    from .documents import pdf_bytes

    path = tmp_path / "form.pdf"
    path.write_bytes(pdf_bytes([f"身份证号：{ID[:11]}", f"{ID[11:]} 手机{MOBILE[:6]}", MOBILE[6:]]))
    found = [(f.kind, f.text) for f in scan_extracted(extract(str(path)))]
    assert found == [("id_card", f"{ID[:11]}\n{ID[11:]}"), ("mobile", f"{MOBILE[:6]}\n{MOBILE[6:]}")]
    report = mask_file(path, tmp_path / "masked.pdf")
    assert report.written and len(report.masked) == 2
    assert scan_extracted(extract(str(tmp_path / "masked.pdf"))) == []
