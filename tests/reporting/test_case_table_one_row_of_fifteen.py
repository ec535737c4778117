"""The 行政复议/行政诉讼 table is the national format's: one row of 15 figures under 行政复议 (5 columns) and
行政诉讼 (未经复议直接起诉 5, 复议后起诉 5), in DOCX, HTML and PDF; 举报 are not in it."""

from __future__ import annotations

import re

import pytest

from tests.reporting.tables import docx_table, pdf_text, with_applications_and_cases
from xxgk.reporting import docx, html, pdf

pytestmark = pytest.mark.django_db

CAPTION = "因信息公开工作被申请行政复议、提起行政诉讼情况"
FIVE = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
# two reviews (维持, 纠正); a direct suit pending; a suit after review, 其他
ROW = [1, 1, 0, 0, 2, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1]


@pytest.fixture
def doc(world):
    return with_applications_and_cases(world)


def test_the_docx_table_is_three_header_rows_and_one_row_of_fifteen(doc):
    table = docx_table(docx.render(doc), CAPTION)

    assert len(table.rows) == 4 and len(table.columns) == 15
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["行政复议"] * 5 + ["行政诉讼"] * 10
    assert rows[1] == FIVE + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5
    assert rows[2] == FIVE * 3
    assert rows[3] == [str(n) for n in ROW]
    assert table.cell(0, 0)._tc is table.cell(0, 4)._tc
    assert table.cell(0, 5)._tc is table.cell(0, 14)._tc
    assert table.cell(1, 0)._tc is table.cell(2, 0)._tc  # 行政复议's labels span two rows
    assert "举报" not in " ".join(" ".join(r) for r in rows)


def test_the_html_table_has_one_data_row(doc):
    page = html.render(doc)
    table = page[page.index(CAPTION) : page.index("</table>", page.index(CAPTION))]

    assert '<th scope="col" colspan="5">行政复议</th>' in table
    assert '<th scope="col" colspan="10">行政诉讼</th>' in table
    assert '<th scope="col" colspan="5">未经复议直接起诉</th>' in table
    assert '<th scope="col" colspan="5">复议后起诉</th>' in table
    body = table[table.index("<tbody>") :]
    assert body.count("<tr>") == 1
    assert re.findall(r'<td class="n">(\d+)</td>', body) == [str(n) for n in ROW]
    assert doc.figures["oversight"].cases.row == ROW


def test_the_pdf_has_the_groups(doc):
    text = re.sub(r"\s+", "", pdf_text(pdf.render(doc)))

    for words in ("行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "尚未审结"):
        assert words in text
