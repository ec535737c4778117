"""A mobile number in a hidden sheet, or a hidden row, is found like a visible one, with a
location that says it is hidden, and masked."""

from __future__ import annotations

import openpyxl

from xxgk.screening import mask_file, scan_file

from .officeparts import MOBILE, parts_holding


def _book(path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "公示"
    wb.active["A3"] = f"电话 {MOBILE[:3]}87654321"
    wb.active.row_dimensions[3].hidden = True
    hidden = wb.create_sheet("联系方式")
    hidden["A1"], hidden["B1"] = "姓名", "手机"
    hidden["A2"], hidden["B2"] = "李静怡", MOBILE
    hidden.sheet_state = "hidden"
    wb.save(path)
    return path


def test_hidden_sheet_and_row_found(tmp_path):
    got = [(f.text, f.location) for f in scan_file(_book(tmp_path / "h.xlsx")).findings if f.kind == "mobile"]
    assert (MOBILE, "sheet:联系方式!B2（隐藏工作表）") in got
    assert (f"{MOBILE[:3]}87654321", "sheet:Sheet!A3（隐藏行）") in got


def test_masked_copy_keeps_no_mobile(tmp_path):
    out = tmp_path / "m.xlsx"
    assert mask_file(_book(tmp_path / "h.xlsx"), out).written
    assert parts_holding(out, MOBILE) == []
