"""An ID number in a Word footer (here the even-page one) is found and masked."""

from __future__ import annotations

import docx

from xxgk.screening import mask_file, scan_file

from .officeparts import ID, parts_holding


def _doc(path):
    d = docx.Document()
    d.add_paragraph("正文")
    d.settings.odd_and_even_pages_header_footer = True
    d.sections[0].footer.paragraphs[0].text = "第 1 页"
    d.sections[0].even_page_footer.paragraphs[0].text = f"联系人身份证 {ID}"
    d.save(path)
    return path


def test_id_in_even_page_footer(tmp_path):
    result = scan_file(_doc(tmp_path / "f.docx"))
    assert [(f.text, f.location) for f in result.findings if f.kind == "id_card"] == [(ID, "footer（偶数页）")]


def test_masked_copy_keeps_no_id(tmp_path):
    out = tmp_path / "m.docx"
    assert mask_file(_doc(tmp_path / "f.docx"), out).written
    assert parts_holding(out, ID) == []
