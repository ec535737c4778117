"""OCR: a ruled table with ID numbers, bank cards and mobiles, a seal stamped across the card
column: the values are found, cell by cell, the seal notwithstanding."""

from __future__ import annotations

from xxgk.screening import extract, scan_extracted

from .scans import table_page, to_jpeg


def test_values_in_a_scanned_table_are_found():
    image, ids, cards, mobiles = table_page(dpi=200)
    extracted = extract(to_jpeg(image), "发放名单.jpg")
    assert extracted.unscreened == []
    found = {(f.kind, f.text) for f in scan_extracted(extracted)}
    assert {("id_card", v) for v in ids} <= found
    assert {("bank_card", v) for v in cards} <= found
    assert {("mobile", v) for v in mobiles} <= found
    assert "国家助学金发放名单" in extracted.text
    # cells of one row are one line, separated by tabs
    assert any(ln.count("\t") >= 3 and ids[0] in ln for ln in extracted.text.splitlines())


def test_a_table_at_150_dpi():
    image, ids, cards, _mobiles = table_page(dpi=150, rotate=0.8, seed=3)
    found = {(f.kind, f.text) for f in scan_extracted(extract(to_jpeg(image, quality=75), "名单.jpeg"))}
    assert {("id_card", v) for v in ids} | {("bank_card", v) for v in cards} <= found
