"""The 依申请公开 table and the 行政复议/行政诉讼 table inside a report, in DOCX, flattened to one
line per row, and with each cell on its own line (as PDF text gives it): balanced tables give no
finding; each imbalance is reported with its row and column."""

from __future__ import annotations

import pytest
from docx import Document

from xxgk.reportcheck import check, check_path, read_path
from xxgk.reportcheck.tables import application_rows
from xxgk.reportcheck.text import normalize

HEADER = ["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
BALANCED = {
    "一、本年新收政府信息公开申请数量": [3, 1, 0, 0, 0, 0, 4],
    "二、上年结转政府信息公开申请数量": [1, 0, 0, 0, 0, 0, 1],
    "三、本年度办理结果（一）予以公开": [2, 1, 0, 0, 0, 0, 3],
    "（七）总计": [3, 1, 0, 0, 0, 0, 4],
    "四、结转下年度继续办理": [1, 0, 0, 0, 0, 0, 1],
}
REVIEW = [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
INTRO = "统计期限为2022年9月1日至2023年8月31日。\n三、依申请公开和不予公开情况\n"


def _rows(table):
    return [[label, *map(str, values)] for label, values in table.items()]


def _as_lines(table, sep):
    return "\n".join(sep.join(r) for r in [HEADER, *_rows(table)])


def _review_text(values, sep="\t"):
    return "五、行政复议、行政诉讼情况\n行政复议\t行政诉讼\n" + sep.join(map(str, values)) + "\n"


def _docx(path, table, review):
    doc = Document()
    for line in INTRO.splitlines():
        doc.add_paragraph(line)
    t = doc.add_table(rows=0, cols=len(HEADER))
    for row in [HEADER, *_rows(table)]:
        cells = t.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = value
    doc.add_paragraph("五、行政复议、行政诉讼情况")
    r = doc.add_table(rows=1, cols=15)
    for cell, value in zip(r.rows[0].cells, review):
        cell.text = str(value)
    doc.save(path)


def _imbalances(report):
    return [f.message for f in report.findings if f.code == "table_imbalance"]


def test_balanced_docx(tmp_path):
    path = tmp_path / "report.docx"
    _docx(path, BALANCED, REVIEW)
    assert _imbalances(check_path(path)) == []
    rows = application_rows(normalize(read_path(path)))
    assert rows["new"] == [3, 1, 0, 0, 0, 0, 4] and rows["carried_out"] == [1, 0, 0, 0, 0, 0, 1]


def test_unbalanced_column_named(tmp_path):
    table = {**BALANCED, "四、结转下年度继续办理": [2, 0, 0, 0, 0, 0, 2]}
    path = tmp_path / "report.docx"
    _docx(path, table, REVIEW)
    messages = _imbalances(check_path(path))
    assert any("“自然人”列" in m and "本年新收3" in m for m in messages)
    assert any("“总计”列" in m for m in messages)


@pytest.mark.parametrize("sep", [" ", "\n"])
def test_flattened_text(sep):
    table = {**BALANCED, "（七）总计": [3, 1, 0, 0, 0, 0, 5]}  # the row's own total is wrong too
    text = INTRO + _as_lines(table, sep) + "\n" + _review_text(REVIEW)
    messages = _imbalances(check(text))
    assert any("“办理结果总计”行" in m and "总计列却为5" in m for m in messages)


def test_review_table_totals():
    wrong = REVIEW[:4] + [2] + REVIEW[5:]
    messages = _imbalances(check(INTRO + _as_lines(BALANCED, "\t") + "\n" + _review_text(wrong)))
    assert messages == [m for m in messages if "行政复议" in m] and len(messages) == 1
    assert "总计却为2" in messages[0]


def test_no_table_no_finding():
    assert _imbalances(check(INTRO + "本年度未收到依申请公开申请。")) == []


def test_cells_separated_by_bars_are_read():
    """A table copied from a web page, or the platform's own report text, separates its cells with bars."""
    from xxgk.reportcheck import tables

    text = (
        "一、本年新收政府信息公开申请数量｜3｜0｜0｜0｜0｜0｜3｜\n"
        "二、上年结转政府信息公开申请数量|1|0|0|0|0|0|1|\n"
        "三、本年度办理结果\n（七）总计｜4｜0｜0｜0｜0｜0｜5｜\n"
        "四、结转下年度继续办理｜0｜0｜0｜0｜0｜0｜0｜\n"
    )
    assert tables.application_rows(text)["new"] == [3, 0, 0, 0, 0, 0, 3]
    imbalances = tables.check_applications(text)  # 总计 5 where 3 + 1 and the row's own cells give 4
    assert imbalances and {i.column for i in imbalances} == {"总计"}
