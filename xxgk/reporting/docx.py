"""The annual report as DOCX laid out as an official document (GB/T 9704—2012).

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title 二号 方正小标宋简体;
first-level headings 三号 黑体, second-level 三号 楷体_GB2312, body 三号 仿宋_GB2312 (16 pt)
with a fixed 28 pt line; page numbers "— 1 —" in the footer (a PAGE field). The East Asian
font names go in w:rFonts w:eastAsia, so Word falls back to the installed font of that family.
"""

from __future__ import annotations

import io

from docx import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from xxgk.reporting.annual.document import Document, Link, header_grid
from xxgk.reporting.links import absolute, report_base_url

TITLE_FONT = "方正小标宋简体"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
BODY_FONT = "仿宋_GB2312"
PAGE_FONT = "宋体"
SIZE_ER = Pt(22)  # 二号
SIZE_SAN = Pt(16)  # 三号
SIZE_SI = Pt(14)  # 四号


def _fonts(target, east_asian: str, size=None, bold: bool | None = None, ascii_font: str = "Times New Roman"):
    """Set a style's or run's fonts, East Asian name included."""
    font = target.font
    font.name = ascii_font
    if size is not None:
        font.size = size
    if bold is not None:
        font.bold = bold
    font.color.rgb = RGBColor(0, 0, 0)
    rpr = target.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi"):
        rfonts.set(qn(attr), ascii_font)
    rfonts.set(qn("w:eastAsia"), east_asian)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)


def _styles(d) -> None:
    normal = d.styles["Normal"]
    _fonts(normal, BODY_FONT, SIZE_SAN)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(28)
    pf.space_before = pf.space_after = Pt(0)
    title = d.styles["Title"]
    _fonts(title, TITLE_FONT, SIZE_ER, bold=False)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    title.paragraph_format.line_spacing = Pt(35)
    title.paragraph_format.space_after = Pt(16)
    # the default Title style draws a border under the paragraph; an official document has none
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    for name, font in (("Heading 1", H1_FONT), ("Heading 2", H2_FONT)):
        st = d.styles[name]
        _fonts(st, font, SIZE_SAN, bold=False)
        st.paragraph_format.first_line_indent = Pt(32)
        st.paragraph_format.space_before = st.paragraph_format.space_after = Pt(0)
        st.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        st.paragraph_format.line_spacing = Pt(28)
        st.paragraph_format.keep_with_next = True


def _page_number(section) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def run(text=None):
        r = p.add_run(text)
        _fonts(r, PAGE_FONT, SIZE_SI)
        return r

    run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        r = run()
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text.strip() == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        r._r.append(el)
    run(" —")


def _hyperlink(paragraph, url: str, text: str) -> None:
    part = paragraph.part
    r_id = part.relate_to(
        url, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", is_external=True
    )
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "0563C1")
    rpr.append(color)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "21")  # 10.5 pt, as the table's other cells
    rpr.append(size)
    run.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _header(table, block) -> int:
    """Write the header into the table's first rows (merging the spanned cells); returns its row count."""
    if not block.header_rows:
        for cell, text in zip(table.rows[0].cells, block.header):
            _header_text(cell, str(text))
        return 1
    for r, c, spec in header_grid(block.header_rows):
        cell = table.cell(r, c)
        if spec.colspan > 1 or spec.rowspan > 1:
            cell = cell.merge(table.cell(r + spec.rowspan - 1, c + spec.colspan - 1))
        _header_text(cell, spec.text)
    return len(block.header_rows)


def _header_text(cell, text: str) -> None:
    cell.text = ""
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _fonts(p.add_run(text), H1_FONT, Pt(10.5))


def _widths(table, block, text_width) -> None:
    """The columns' widths from the block's weights: the grid, every body cell, and each header cell the
    sum of the columns it spans."""
    table.autofit = False
    total = sum(block.widths)
    width = [int(text_width * w / total) for w in block.widths]
    for column, w in zip(table.columns, width):
        column.width = w
    header = len(block.header_rows) or 1
    for row in table.rows[header:]:
        for cell, w in zip(row.cells, width):
            cell.width = w
    if block.header_rows:
        for r, c, spec in header_grid(block.header_rows):
            table.cell(r, c).width = sum(width[c : c + spec.colspan])
    else:
        for cell, w in zip(table.rows[0].cells, width):
            cell.width = w


def _table(d, block, base_url: str) -> None:
    if block.caption:
        cap = d.add_paragraph()
        cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _fonts(cap.add_run(block.caption), H1_FONT, Pt(12))
    columns = len(block.rows[0]) if block.rows else len(block.header)
    table = d.add_table(rows=max(1, len(block.header_rows)), cols=columns)
    table.style = d.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _header(table, block)
    text_width = Mm(210 - 28 - 26)
    for row in block.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            p = cell.paragraphs[0]
            p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            p.paragraph_format.first_line_indent = Pt(0)
            if isinstance(value, Link):
                url = absolute(value.url, base_url)
                if url:
                    _hyperlink(p, url, url)
                else:
                    p.add_run("—")
            else:
                _fonts(p.add_run(str(value)), BODY_FONT, Pt(10.5))
                if isinstance(value, (int, float)):
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if block.widths and len(block.widths) == columns:
        _widths(table, block, text_width)
    for note in block.notes:
        p = d.add_paragraph()
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        _fonts(p.add_run(note), BODY_FONT, Pt(10.5))


def render(doc: Document, *, base_url: str = "") -> bytes:
    """`base_url`: the origin the links go on (reporting/links.py; the institution's own when not given)."""
    base_url = report_base_url(doc.institution, base_url)
    d = DocxDocument()
    _styles(d)
    section = d.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)
    _page_number(section)

    d.add_paragraph(doc.institution.name, style="Title")
    d.add_paragraph(doc.title_line, style="Title")
    p = d.add_paragraph(doc.intro)
    p.paragraph_format.first_line_indent = Pt(32)
    for sec in doc.sections:
        if sec.key == "checklist_table":
            d.add_section(WD_SECTION.NEW_PAGE)
        d.add_heading(sec.heading, level=1)
        _blocks(d, sec.blocks, base_url)
        for sub in sec.subsections:
            d.add_heading(sub.heading, level=2)
            _blocks(d, sub.blocks, base_url)
        if sec.key == "other":
            for text in (doc.institution.name, doc.date_line):
                sign = d.add_paragraph(text)
                sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _blocks(d, blocks, base_url: str) -> None:
    for b in blocks:
        if b.kind == "p":
            p = d.add_paragraph(b.text)
            p.paragraph_format.first_line_indent = Pt(32)
        elif b.kind == "table":
            _table(d, b, base_url)
        elif b.kind == "image":
            d.add_picture(io.BytesIO(b.data), width=Cm(15))
            d.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
