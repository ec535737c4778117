"""PDF: the text layer; a scan without one is reported as needing a person."""

from __future__ import annotations

import pytest

from xxgk.screening import ExtractionError, extract, scan_file

from .documents import EXAM_A, ID_A, ID_B, admission_pdf_lines, pdf_bytes, scanned_pdf_bytes


def test_text_layer_with_table_rows(tmp_path):
    path = tmp_path / "名单.pdf"
    path.write_bytes(pdf_bytes(admission_pdf_lines()))
    extracted = extract(path)
    assert extracted.kind == "pdf" and extracted.has_text_layer and extracted.warnings == []
    assert f"王小明\t{ID_A}\t{EXAM_A}" in extracted.text


def test_findings_in_a_pdf(tmp_path):
    path = tmp_path / "名单.pdf"
    path.write_bytes(pdf_bytes(admission_pdf_lines()))
    result = scan_file(path)
    got = {(f.kind, f.text) for f in result.findings}
    assert {
        ("id_card", ID_A),
        ("id_card", ID_B),
        ("exam_number", EXAM_A),
        ("person_name", "王小明"),
        ("landline", "0898-88651234"),
    } <= got
    assert all(f.location == "page:1" for f in result.findings)


def test_pdf_page_without_text_that_ocr_cannot_read_says_so(tmp_path):
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(scanned_pdf_bytes())  # a grey square: ink, but no text to read
    result = scan_file(path)
    assert result.has_text_layer is False
    assert result.findings == []
    assert result.extracted.unscreened == [
        "第1页没有文字层（扫描页），有内容，但未识别出文字，无法自动筛查，需人工审看"
    ]
    assert result.needs_manual_review


def test_malformed_pdf(tmp_path):
    path = tmp_path / "坏.pdf"
    path.write_bytes(b"%PDF-1.7\n garbage garbage")
    with pytest.raises(ExtractionError, match="坏.pdf"):
        extract(path)


def test_pdf_named_file_that_is_not_a_pdf(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes("这不是PDF".encode())
    with pytest.raises(ExtractionError, match="不是有效的 PDF"):
        extract(path)
