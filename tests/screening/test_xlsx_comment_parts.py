"""A mobile number in an Excel cell comment is found and masked; so is one in a sheet's
header."""

from __future__ import annotations

import openpyxl
from openpyxl.comments import Comment

from xxgk.screening import mask_file, scan_file

from .officeparts import MOBILE, parts_holding


def _book(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名单"
    ws["A1"] = "姓名"
    ws["B2"] = "已核对"
    ws["B2"].comment = Comment(f"本人手机 {MOBILE}", "辅导员")
    ws.oddHeader.center.text = f"联系电话 {MOBILE}"
    wb.save(path)
    return path


def test_mobile_in_comment_and_header(tmp_path):
    got = [(f.text, f.location) for f in scan_file(_book(tmp_path / "c.xlsx")).findings if f.kind == "mobile"]
    assert (MOBILE, "sheet:名单!B2（批注）") in got
    assert (MOBILE, "sheet:名单（页眉）") in got


def test_masked_copy_keeps_no_mobile(tmp_path):
    out = tmp_path / "m.xlsx"
    assert mask_file(_book(tmp_path / "c.xlsx"), out).written
    assert parts_holding(out, MOBILE) == []
    ws = openpyxl.load_workbook(out)["名单"]
    assert ws["B2"].comment is not None and ws["B2"].value == "已核对"
