"""A column headed by an amount word (预算数, 金额 …) makes the numbers in its cells amounts; a
sentence written in that column (a form pasted into one cell) keeps its phones and cards."""

from __future__ import annotations

import openpyxl

from xxgk.screening import scan_file

from .documents import CARD

MOBILE = "13907551234"


def _sheet(tmp_path, rows):
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    path = tmp_path / "budget.xlsx"
    wb.save(path)
    return scan_file(path)


def test_a_form_in_a_cell_under_an_amount_header_keeps_its_values(tmp_path):
    result = _sheet(
        tmp_path,
        [
            ["项目 预算数"],  # one cell: the header of column A
            ["事业收入 1234.00"],
            [f"申请人：王小明，手机：{MOBILE}，银行卡号：{CARD}，开户行：中国银行。"],
        ],
    )
    got = {(f.kind, f.text) for f in result.findings}
    assert ("mobile", MOBILE) in got
    assert ("bank_card", CARD) in got


def test_numbers_alone_in_an_amount_column_stay_amounts(tmp_path):
    result = _sheet(
        tmp_path,
        [["项目", "金额（元）"], ["设备购置", 13512345678], ["服务采购", "15912345678"], ["维修", "¥ 13612345678"]],
    )
    assert [f for f in result.findings if f.kind in ("mobile", "bank_card")] == []
