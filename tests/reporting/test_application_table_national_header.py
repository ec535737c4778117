"""The 依申请公开 table (表三) has the national format's header in HTML, DOCX and PDF: the balance note in
the corner, 申请人情况 over 自然人 / 法人或其他组织 (商业企业 … 其他) / 总计, and row (二)'s note."""

from __future__ import annotations

import re

import pytest

from tests.reporting.tables import docx_table, pdf_text, with_applications_and_cases
from xxgk.reporting import docx, html, pdf

pytestmark = pytest.mark.django_db

CAPTION = "收到和处理信息公开申请情况"
CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
KINDS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"


@pytest.fixture
def doc(world):
    return with_applications_and_cases(world)


def test_the_docx_header_merges_cells_as_the_national_format(doc):
    table = docx_table(docx.render(doc), CAPTION)

    top, middle, bottom = ([c.text for c in table.rows[r].cells] for r in range(3))
    assert top == [CORNER] + ["申请人情况"] * 7
    assert middle == [CORNER, "自然人", *["法人或其他组织"] * 5, "总计"]
    assert bottom == [CORNER, "自然人", *KINDS, "总计"]
    # merged, not repeated: the spanning cells are one cell each
    assert table.cell(0, 0)._tc is table.cell(2, 0)._tc
    assert table.cell(0, 1)._tc is table.cell(0, 7)._tc
    assert table.cell(1, 2)._tc is table.cell(1, 6)._tc
    assert table.cell(1, 1)._tc is table.cell(2, 1)._tc
    labels = [r.cells[0].text.strip("　") for r in table.rows[3:]]
    assert labels[:3] == ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果"]
    assert PARTIAL in labels
    new = [c.text for c in table.rows[3].cells]
    assert new == ["一、本年新收政府信息公开申请数量", "1", "1", "0", "0", "0", "0", "2"]


def test_the_html_header_has_the_spans(doc):
    page = html.render(doc)
    table = page[page.index(CAPTION) : page.index("</table>", page.index(CAPTION))]

    assert f'<th scope="col" rowspan="3">{CORNER}</th>' in table
    assert '<th scope="col" colspan="7">申请人情况</th>' in table
    assert '<th scope="col" rowspan="2">自然人</th>' in table
    assert '<th scope="col" colspan="5">法人或其他组织</th>' in table
    assert '<th scope="col" rowspan="2">总计</th>' in table
    assert re.findall(r'<th scope="col">([^<]+)</th>', table) == KINDS
    assert PARTIAL in table


def test_the_pdf_shows_the_header_and_the_note(doc):
    text = re.sub(r"\s+", "", pdf_text(pdf.render(doc)))

    assert re.sub(r"\s+", "", CORNER) in text
    for word in ["申请人情况", "自然人", "法人或其他组织", *KINDS]:
        assert word in text
    assert "区分处理的，只计这一情形，不计其他情形" in text
