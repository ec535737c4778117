"""Excel: every sheet, every cell; the header row tells a 学号 from an amount."""

from __future__ import annotations

import openpyxl
import pytest

from xxgk.screening import ExtractionError, extract, scan_file

from .documents import CARD, ID_A, ID_B, aid_xlsx


def test_every_sheet_and_cell(tmp_path):
    extracted = extract(aid_xlsx(tmp_path / "aid.xlsx"))
    assert extracted.kind == "xlsx"
    assert "刘晓燕\t2021010105\t" + ID_A in extracted.text
    assert "设备购置\t13512345678" in extracted.text  # the second sheet too
    seg = extracted.segment_at(extracted.text.index(ID_B))
    assert seg.location == "sheet:助学金名单!D4" and seg.column == "身份证号"


def test_findings_by_column(tmp_path):
    result = scan_file(aid_xlsx(tmp_path / "aid.xlsx"))
    got = {(f.kind, f.text, f.location) for f in result.findings}
    assert ("id_card", ID_A, "sheet:助学金名单!D3") in got
    assert ("student_number", "2021010105", "sheet:助学金名单!C3") in got
    assert ("mobile", "13907551234", "sheet:助学金名单!E3") in got  # stored as a number
    assert ("bank_card", CARD, "sheet:助学金名单!G3") in got
    assert ("person_name", "黄志强", "sheet:助学金名单!B4") in got


def test_amounts_in_a_budget_sheet_are_not_findings(tmp_path):
    result = scan_file(aid_xlsx(tmp_path / "aid.xlsx"))
    assert not [f for f in result.findings if f.location and f.location.startswith("sheet:预算")]


def test_hidden_sheet_and_formulas_are_mentioned(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "手机"])
    ws.append(["王小明", "13907551234"])
    ws["C1"] = "=A1&B1"
    secret = wb.create_sheet("备用")
    secret.sheet_state = "hidden"
    secret.append(["身份证号", ID_A])
    path = tmp_path / "h.xlsx"
    wb.save(path)
    result = scan_file(path)
    assert any("隐藏" in w for w in result.warnings)
    assert any("公式" in w for w in result.warnings)
    assert ID_A in [f.text for f in result.findings]


def test_long_number_cells_lose_precision_warning(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["身份证号", float(ID_A[:-1])])
    path = tmp_path / "p.xlsx"
    wb.save(path)
    assert any("丢失精度" in w for w in extract(path).warnings)


def test_damaged_xlsx(tmp_path):
    path = tmp_path / "名单.xlsx"
    path.write_bytes(b"not a workbook")
    with pytest.raises(ExtractionError, match="名单.xlsx"):
        extract(path)
