"""Headings and section keys of the two seed reports."""

from __future__ import annotations

from .conftest import codes


def titles(rep, level=None):
    return [h.title for h in rep.headings if level is None or h.level == level]


def test_hainan_headings_and_levels(hainan):
    assert titles(hainan, 1) == [
        "概述",
        "主动公开信息情况",
        "依申请公开和不予公开情况",
        "因学校信息公开工作受到举报、复议、诉讼的情况",
        "存在的问题与改进措施",
    ]
    # （4） and （9） sit among （一）（二）… and are second-level like them
    second = titles(hainan, 2)
    assert "招标（采购）项目信息公开情况" in second
    assert "对外交流与合作信息公开情况" in second
    assert len(second) == 9
    # numbered paragraphs ("1.招生工作严格规范公开程序和内容，…") are not headings
    assert titles(hainan, 3) == ["学生教育方面", "学生资助和评奖评优方面"]


def test_hainan_sections_and_missing(hainan):
    assert hainan.sections == ["overview", "proactive", "key_areas", "on_request", "complaints", "problems"]
    assert hainan.missing_sections == ["evaluation", "other", "checklist_table"]
    assert hainan.declared is None and hainan.declared_count is None
    assert codes(hainan) == ["missing_section"] * 3


def test_hainan_key_areas_are_sub_headings_of_proactive(hainan):
    key_area_titles = [h.title for h in hainan.headings if "key_areas" in h.keys]
    assert key_area_titles == ["招生相关信息公开情况", "财务相关信息公开情况", "招标（采购）项目信息公开情况"]


def test_quanzhou_sections_and_missing(quanzhou):
    assert titles(quanzhou, 1) == [
        "信息公开工作概述",
        "信息公开具体情况",
        "依申请公开和不予公开信息情况",
        "对信息公开的评议情况",
        "信息公开举报情况",
        "信息公开工作的问题和改进措施",
        "其他需要报告的事项",
    ]
    assert quanzhou.sections == [
        "overview",
        "proactive",
        "key_areas",
        "on_request",
        "evaluation",
        "complaints",
        "problems",
        "other",
    ]
    assert quanzhou.missing_sections == ["checklist_table"]
    # 主动公开 is a second-level heading under 二、信息公开具体情况
    proactive = [h for h in quanzhou.headings if "proactive" in h.keys]
    assert [(h.level, h.title) for h in proactive] == [(2, "主动公开信息情况")]


def test_missing_section_messages_are_chinese_and_say_what_is_unverified(hainan):
    messages = {f.section: f.message for f in hainan.findings}
    assert messages["evaluation"].startswith("缺少“信息公开评议情况”部分")
    assert "未逐字核实" in messages["checklist_table"]
    assert "未逐字核实" not in messages["evaluation"]
