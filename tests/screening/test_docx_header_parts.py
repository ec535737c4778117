"""An ID number in a Word header is found, wherever the header is (first-page, even-page,
later sections), with a location naming the header; the masked copy keeps it nowhere."""

from __future__ import annotations

import docx

from xxgk.screening import mask_file, scan_file

from .officeparts import ID, parts_holding


def _doc(path):
    d = docx.Document()
    d.add_paragraph("关于2023年专升本录取的通知")
    first = d.sections[0]
    first.header.paragraphs[0].text = "招生办公室"
    first.different_first_page_header_footer = True
    first.first_page_header.paragraphs[0].text = f"经办人身份证号 {ID}"
    second = d.add_section()
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = f"复核人 {ID[:-1]}X"
    d.save(path)
    return path


def test_id_in_headers_found_with_location(tmp_path):
    result = scan_file(_doc(tmp_path / "h.docx"))
    ids = [(f.text, f.location) for f in result.findings if f.kind == "id_card"]
    assert (ID, "header（首页）") in ids
    assert (ID, "header（第2节）") in ids


def test_masked_copy_keeps_no_id(tmp_path):
    out = tmp_path / "m.docx"
    report = mask_file(_doc(tmp_path / "h.docx"), out)
    assert report.written
    assert parts_holding(out, ID) == []
    assert scan_file(out).findings == []
