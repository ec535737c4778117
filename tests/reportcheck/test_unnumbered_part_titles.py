"""Part titles with no number (a docx whose 标题 1 style carries none) above sub-headings typed as
（一）: the titles are the top level, the （一） headings one below."""

from __future__ import annotations

from docx import Document

from xxgk.reportcheck import check, check_path

PARTS = [
    ("概述", ["（一）制度建设", "（二）平台建设"]),
    ("主动公开情况", ["（一）招生信息公开情况", "（二）财务信息公开情况"]),
    ("依申请公开和不予公开情况", []),
    ("信息公开评议情况", []),
    ("举报、复议、诉讼情况", []),
    ("存在的问题和改进措施", []),
    ("其他需要报告的事项", []),
]


def test_heading_style_titles_without_numbers(tmp_path):
    doc = Document()
    doc.add_paragraph("某某大学信息公开工作年度报告")
    doc.add_paragraph("统计期限为2023年9月1日至2024年8月31日。")
    for title, subs in PARTS:
        doc.add_paragraph(title, style="Heading 1")
        for sub in subs:
            doc.add_paragraph(sub)
            doc.add_paragraph("学校发布信息10条。")
        doc.add_paragraph("无。")
    doc.add_paragraph("附表：清单事项公开情况一览表")
    doc.save(tmp_path / "plain.docx")
    rep = check_path(tmp_path / "plain.docx")
    # the attached table's caption is a top-level line too
    assert [h.title for h in rep.headings if h.level == 1] == [*(t for t, _ in PARTS), "附表：清单事项公开情况一览表"]
    assert [h.title for h in rep.headings if h.level == 2] == [
        "制度建设",
        "平台建设",
        "招生信息公开情况",
        "财务信息公开情况",
    ]
    assert "key_areas" in rep.sections and rep.missing_sections == []


def test_paren_numbering_alone_stays_the_top_level():
    rep = check("某大学\n（一）概述\n无。\n（二）主动公开情况\n无。\n")
    assert [(h.level, h.title) for h in rep.headings] == [(1, "概述"), (1, "主动公开情况")]
