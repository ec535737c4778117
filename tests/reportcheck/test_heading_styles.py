"""Headings numbered in other universities' styles: 第一部分, 一., （一） only, unnumbered."""

from __future__ import annotations

from xxgk.reportcheck import check

from .conftest import codes, report

ALL = ["overview", "proactive", "on_request", "evaluation", "complaints", "problems", "other"]


def test_diyi_bufen_with_yi_sub_headings():
    rep = report("beijiang-parts.txt")
    assert [(h.level, h.title) for h in rep.headings[:4]] == [
        (1, "总体情况"),
        (2, "制度建设"),
        (2, "平台建设"),
        (1, "主动公开信息情况"),
    ]
    assert rep.sections == [*ALL[:2], "key_areas", *ALL[2:], "checklist_table"]
    assert rep.missing_sections == [] and rep.findings == []
    assert rep.period.to_dict() == {"start": "2023-01-01", "end": "2023-12-31"}


def test_yi_dot_headings():
    rep = report("dongting-dots.txt")
    assert [h.title for h in rep.headings] == [
        "概述",
        "信息主动公开情况",
        "依申请公开和不予公开情况",
        "对信息公开的评议情况",
        "因学校信息公开工作遭到举报的情况",
        "主要经验、存在问题及改进措施",
        "其他需要报告的事项",
    ]
    assert rep.sections == ALL
    assert rep.missing_sections == ["checklist_table"]
    assert rep.period.to_dict() == {"start": "2018-09-01", "end": "2019-08-31"}


def test_paren_only_headings_are_the_top_level():
    rep = report("xiangjiang-paren-only.txt")
    assert {h.level for h in rep.headings} == {1}
    assert rep.sections == ALL
    assert codes(rep) == ["missing_section"]


def test_unnumbered_headings_when_the_document_has_no_numbering():
    # what a docx with Word's automatic numbering turns into
    text = "某大学信息公开年度报告\n概述\n学校……\n主动公开情况\n发布信息10条。\n依申请公开和不予公开情况\n无。\n"
    rep = check(text)
    assert rep.sections == ["overview", "proactive", "on_request"]


def test_heading_variants_map_to_the_same_key():
    variants = {
        "complaints": [
            "因学校信息公开工作受到举报、复议、诉讼的情况",
            "因信息公开工作遭到举报的情况",
            "收到举报情况",
            "信息公开举报情况",
        ],
        "proactive": ["信息主动公开情况", "主动公开信息情况", "主动公开情况"],
        "problems": ["存在的主要问题及改进情况", "主要经验和存在问题", "新做法新举措和下一步工作", "存在的不足"],
        "evaluation": ["对信息公开的评议情况", "社会评议情况", "信息公开评议情况"],
        "other": ["其他需要报告的事项", "其它需要说明的事项", "其他事项"],
    }
    for key, titles in variants.items():
        for title in titles:
            rep = check(f"一、{title}\n内容。\n")
            assert key in rep.sections, title
