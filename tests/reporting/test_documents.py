"""DOCX laid out as an official document, PDF with its Chinese fonts embedded, HTML with every section,
XLSX with every table; and the same from `xxgk report build`."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from django.core.management import call_command
from docx import Document as Docx
from docx.oxml.ns import qn
from docx.shared import Pt

from tests.reporting.conftest import END, START, institution
from xxgk.reporting import annual, docx, html, pdf, xlsx

HEADINGS = [
    "一、概述",
    "二、主动公开情况",
    "三、依申请公开和不予公开情况",
    "四、对信息公开的评议情况",
    "五、因学校信息公开工作受到举报、复议、诉讼的情况",
    "六、本年度信息公开工作的新做法新举措、主要经验、问题和改进措施",
    "七、其他需要报告的事项",
    "附表　清单事项公开情况表",
]


@pytest.fixture
def doc(demo):
    return annual.build(institution("hntou"), START, END)


def _east_asia(style):
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_docx_reopens_with_official_document_styles(doc):
    d = Docx(io.BytesIO(docx.render(doc)))
    s = d.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [37, 35, 28, 26]
    assert _east_asia(d.styles["Title"]) == "方正小标宋简体"
    assert _east_asia(d.styles["Heading 1"]) == "黑体"
    assert _east_asia(d.styles["Heading 2"]) == "楷体_GB2312"
    assert _east_asia(d.styles["Normal"]) == "仿宋_GB2312" and d.styles["Normal"].font.size == Pt(16)
    titles = [p.text for p in d.paragraphs if p.style.name == "Title"]
    assert titles == ["海南热带海洋学院", "2022—2023学年信息公开工作年度报告"]
    assert [p.text for p in d.paragraphs if p.style.name == "Heading 1"] == HEADINGS
    level2 = [p.text for p in d.paragraphs if p.style.name == "Heading 2"]
    assert "（三）招生考试信息公开情况" in level2 and "（五）招标（采购）项目信息公开情况" in level2
    footer = s.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "fldChar" in footer
    assert len(d.tables) >= 4 and d.inline_shapes  # the channel chart


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils not installed")
def test_pdf_embeds_its_chinese_fonts_and_has_the_title(doc, tmp_path):
    import pymupdf as fitz

    path = tmp_path / "report.pdf"
    path.write_bytes(pdf.render(doc))
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert {r[0].split("+")[-1] for r in rows} >= {"XXGK-Serif", "XXGK-Sans"}  # the Noto CJK files
    # columns: name type [encoding …] emb sub uni object-id gen; emb is 5th from the end
    assert all(r[-5] == "yes" for r in rows)
    with fitz.open(path) as pdf_doc:
        text = "".join(page.get_text() for page in pdf_doc)
        assert pdf_doc.page_count > 3
    assert "2022—2023学年信息公开工作年度报告" in text
    assert "完成各类集中采购项目50个" in text.replace("\n", "")


def test_html_has_every_section_and_links_to_the_catalog(doc):
    page = html.render(doc, base_url="https://xxgk.hntou.edu.cn")
    for heading in HEADINGS:
        assert f">{heading}</h2>" in page
    assert 'href="https://xxgk.hntou.edu.cn/hntou/catalog/6/"' in page
    assert "data:image/png;base64," in page
    assert "E答招生咨询量110982人次" in page


def test_xlsx_has_every_table(doc):
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(xlsx.render(doc)))
    assert {"各发布渠道发布数量", "采购项目成交情况", "收到和处理信息公开申请情况", "清单事项公开情况表"} <= set(
        wb.sheetnames
    )
    ws = wb["采购项目成交情况"]
    assert [c.value for c in ws[3]][:3] == ["货物", 20, "1,081.11"]


@pytest.mark.parametrize("fmt,magic", [("docx", b"PK"), ("html", b"<!DOCTYPE"), ("xlsx", b"PK"), ("pdf", b"%PDF")])
def test_report_build_command(demo, tmp_path, fmt, magic):
    out = tmp_path / f"r.{fmt}"
    call_command(
        "report", "build", "--institution", "qzoi", "--year", "2022-2023", "--format", fmt, "--output", str(out)
    )
    assert out.read_bytes().startswith(magic)


def test_report_build_command_refuses_bad_input(demo, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="没有网址标识"):
        call_command("report", "build", "--institution", "nope", "--year", "2022-2023", "--output", str(tmp_path / "x"))
    with pytest.raises(CommandError, match="学年格式不正确"):
        call_command("report", "build", "--institution", "qzoi", "--year", "2022-2025", "--output", str(tmp_path / "x"))
