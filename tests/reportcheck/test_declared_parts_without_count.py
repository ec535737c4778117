"""A part list with no count ("本报告由…、…及…组成"): the parts and their sections are read, the
last part joined by 及 is split off, and a missing heading is still reported."""

from __future__ import annotations

from xxgk.reportcheck import check
from xxgk.reportcheck.sections import find_declared
from xxgk.reportcheck.text import normalize

LIST = "概述、主动公开情况、依申请公开和不予公开情况、信息公开评议情况、举报复议诉讼情况、存在的问题和改进措施及其他需要报告的事项"


def test_parts_of_a_list_ending_in_zucheng():
    declared = find_declared(normalize(f"本报告由{LIST}组成。"))
    assert declared.count is None
    assert declared.parts[-2:] == ["存在的问题和改进措施", "其他需要报告的事项"]
    assert declared.keys == ["overview", "proactive", "on_request", "evaluation", "complaints", "problems", "other"]


def test_a_declared_part_without_heading_is_reported_without_a_count():
    text = (
        "某大学年度报告\n本报告由概述、主动公开情况及其他需要报告的事项构成。\n一、概述\n无。\n二、主动公开情况\n无。\n"
    )
    rep = check(text)
    assert rep.declared_count is None
    (finding,) = [f for f in rep.findings if f.code == "declared_section_missing"]
    assert finding.message == "报告开头列出了“其他需要报告的事项”部分，但正文没有相应的标题"
    assert "declared_count_mismatch" not in [f.code for f in rep.findings]
