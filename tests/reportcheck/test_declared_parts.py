"""The parts a report declares in its opening, against the headings it has."""

from __future__ import annotations

import pytest

from xxgk.reportcheck import check
from xxgk.reportcheck.sections import find_declared
from xxgk.reportcheck.text import normalize

from .conftest import codes, report


def test_quanzhou_declares_six_parts_and_lists_six(quanzhou):
    assert quanzhou.declared_count == 6
    assert quanzhou.declared.parts == [
        "概述",
        "主动公开信息情况",
        "依申请公开和不予公开情况",
        "信息公开评议情况",
        "信息公开举报情况",
        "存在的主要问题和改进措施",
    ]
    assert quanzhou.declared_sections == ["overview", "proactive", "on_request", "evaluation", "complaints", "problems"]
    assert "declared_count_mismatch" not in codes(quanzhou)


def test_quanzhou_seventh_heading_is_undeclared(quanzhou):
    (finding,) = [f for f in quanzhou.findings if f.code == "undeclared_section"]
    assert finding.section == "other"
    assert "其他需要报告的事项" in finding.message
    assert "正文有7个一级标题" in finding.message
    assert codes(quanzhou) == ["missing_section", "undeclared_section"]


def test_nine_parts_with_seven_named():
    rep = report("changhe-nine-parts.txt")
    assert rep.declared_count == 9
    assert len(rep.declared.parts) == 7
    (mismatch,) = [f for f in rep.findings if f.code == "declared_count_mismatch"]
    assert "称共9个部分，但列出了7个" in mismatch.message


def test_declared_part_without_heading():
    rep = report("changhe-nine-parts.txt")
    (finding,) = [f for f in rep.findings if f.code == "declared_section_missing"]
    assert finding.section == "evaluation"
    # declared but without a heading: not "missing" (found in neither), but reported
    assert "evaluation" not in rep.missing_sections
    # the attached table is not a part and is not "undeclared"
    assert "checklist_table" in rep.sections and "undeclared_section" not in codes(rep)


@pytest.mark.parametrize(
    "sentence, count, keys",
    [
        (
            "全文包括概述、主动公开情况、依申请公开和不予公开情况、信息公开评议情况、举报情况、问题和改进措施等六个部分。",
            6,
            ["overview", "proactive", "on_request", "evaluation", "complaints", "problems"],
        ),
        (
            "报告分为以下七个部分：概述、信息主动公开情况、依申请公开和不予公开情况、评议情况、因学校信息公开工作遭到举报的情况、主要经验和存在问题、其他需要报告的事项。",
            7,
            ["overview", "proactive", "on_request", "evaluation", "complaints", "problems", "other"],
        ),
        (
            "本报告内容包括概述、主动公开信息情况、依申请公开和不予公开情况、信息公开评议情况和其他需要报告的事项。",
            None,
            ["overview", "proactive", "on_request", "evaluation", "other"],
        ),
    ],
)
def test_phrasings(sentence, count, keys):
    declared = find_declared(normalize(sentence))
    assert declared.count == count
    assert declared.keys == keys


def test_parts_joined_by_he_are_split_but_one_part_with_he_is_not():
    declared = find_declared(
        normalize("报告内容包括概述、依申请公开和不予公开情况、信息公开评议情况和其他需要报告的事项等四个部分。")
    )
    assert declared.parts == ["概述", "依申请公开和不予公开情况", "信息公开评议情况", "其他需要报告的事项"]
    assert declared.count == 4


def test_a_part_with_commas_inside_counts_once():
    declared = find_declared(normalize("报告内容包括概述、因学校信息公开工作受到举报、复议、诉讼的情况等两个部分。"))
    assert declared.parts == ["概述", "因学校信息公开工作受到举报、复议、诉讼的情况"]
    assert declared.count == 2


def test_an_ordinary_list_with_deng_bufen_is_not_a_declaration():
    assert find_declared(normalize("公开内容包括心理发展指导中心动态、活动通知、好书推荐等部分。")) is None


def test_declared_parts_count_toward_presence():
    rep = check("某大学\n报告内容包括概述、评议情况等两个部分。\n一、概述\n无。\n")
    assert "evaluation" not in rep.missing_sections
    assert "declared_section_missing" in codes(rep)


def test_count_without_a_list_is_compared_with_the_top_level_headings():
    text = (
        "某大学年度报告\n本报告共分七个部分。\n一、概述\n无。\n二、主动公开情况\n无。\n三、其他需要报告的事项\n无。\n"
    )
    rep = check(text)
    assert rep.declared_count == 7 and rep.declared_sections == []
    (finding,) = [f for f in rep.findings if f.code == "declared_count_mismatch"]
    assert finding.message == "报告开头称共7个部分，但正文有3个一级标题"
    assert "undeclared_section" not in codes(rep)


def test_a_count_of_aspects_in_the_body_is_not_a_declaration():
    assert find_declared(normalize("改进措施的内容包括三个方面：一是……")) is None
