"""Headings numbered automatically by Word: the "一、" lives in numbering.xml, on the heading style
(标题 1 linked to a list) or on the paragraph itself (numPr), and is put back before the text."""

from __future__ import annotations

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from xxgk.reportcheck import check_path, read_path
from xxgk.reportcheck.docxnum import chinese_counting, format_number

PARTS = [
    ("概述", ["制度建设", "平台建设"]),
    ("主动公开情况", ["招生信息公开情况", "财务信息公开情况"]),
    ("依申请公开和不予公开情况", []),
    ("信息公开评议情况", []),
    ("因学校信息公开工作受到举报、复议、诉讼的情况", []),
    ("存在的主要问题及改进措施", []),
    ("其他需要报告的事项", []),
]


def _abstract(abstract_id, levels):
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        + (f'<w:pStyle w:val="{style}"/>' if style else "")
        + f'<w:suff w:val="{suff}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text, style, suff) in enumerate(levels)
    )
    return parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')


def _num(num_id, abstract_id, start_override=None):
    override = (
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>'
        if start_override
        else ""
    )
    return parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
    )


def _add_numbering(doc, abstract, num):
    root = doc.part.numbering_part.element
    first_num = root.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        root.append(abstract)
    root.append(num)


def _num_pr(target, num_id, ilvl=None):
    ppr = target.get_or_add_pPr()
    ilvl_xml = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}>{ilvl_xml}<w:numId w:val="{num_id}"/></w:numPr>'))


def write_report(path):
    doc = Document()
    # the heading styles are linked to a list: 一、 for 标题 1, （一） for 标题 2
    _add_numbering(
        doc,
        _abstract(
            90,
            [("chineseCounting", "%1、", "Heading1", "nothing"), ("chineseCounting", "（%2）", "Heading2", "nothing")],
        ),
        _num(91, 90),
    )
    _num_pr(doc.styles["Heading 1"].element, 91)
    _num_pr(doc.styles["Heading 2"].element, 91)
    # a numbered list in the body: 1. 2. on the paragraphs themselves
    _add_numbering(doc, _abstract(92, [("decimal", "%1.", None, "tab")]), _num(93, 92))
    doc.add_paragraph("某某大学2023—2024学年信息公开工作年度报告")
    doc.add_paragraph("统计期限为2023年9月1日至2024年8月31日。")
    for title, subs in PARTS:
        doc.add_paragraph(title, style="Heading 1")
        for sub in subs:
            doc.add_paragraph(sub, style="Heading 2")
            doc.add_paragraph("学校发布信息10条。")
        if not subs:
            item = doc.add_paragraph("无。")
            _num_pr(item._p, 93, 0)
    doc.add_paragraph("附表：清单事项公开情况一览表")
    doc.save(path)


def test_numbers_are_restored_in_the_text(tmp_path):
    write_report(tmp_path / "auto.docx")
    lines = read_path(tmp_path / "auto.docx").split("\n")
    assert "一、概述" in lines and "（一）制度建设" in lines and "（二）平台建设" in lines
    # 标题 2 starts again at （一） under the next 标题 1
    assert lines.index("二、主动公开情况") < lines.index("（一）招生信息公开情况")
    assert "七、其他需要报告的事项" in lines
    assert "1. 无。" in lines and "5. 无。" in lines


def test_the_report_reads_as_numbered(tmp_path):
    write_report(tmp_path / "auto.docx")
    rep = check_path(tmp_path / "auto.docx")
    top = [h.title for h in rep.headings if h.level == 1]
    assert top == [title for title, _ in PARTS]
    assert [h.marker for h in rep.headings if h.level == 2] == ["（一）", "（二）", "（一）", "（二）"]
    assert "key_areas" in rep.sections
    assert rep.missing_sections == [] and rep.findings == []


def test_a_start_override_and_a_numid_of_zero(tmp_path):
    doc = Document()
    _add_numbering(doc, _abstract(80, [("chineseCounting", "第%1部分", None, "space")]), _num(81, 80, start_override=3))
    p = doc.add_paragraph("依申请公开情况")
    _num_pr(p._p, 81, 0)
    off = doc.add_paragraph("不编号的段落", style="Heading 1")
    _num_pr(off._p, 0, 0)
    doc.save(tmp_path / "start.docx")
    assert read_path(tmp_path / "start.docx").split("\n") == ["第三部分 依申请公开情况", "不编号的段落"]


def test_number_formats():
    assert [chinese_counting(n) for n in (1, 10, 11, 20, 23, 105, 115)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十三",
        "一百零五",
        "一百一十五",
    ]
    assert format_number(3, "chineseLegalSimplified") == "叁"
    assert format_number(2, "ideographTraditional") == "乙"
    assert format_number(4, "upperRoman") == "IV" and format_number(2, "lowerLetter") == "b"
    assert format_number(1, "bullet") is None
