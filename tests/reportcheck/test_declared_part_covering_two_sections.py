"""One declared part that covers two sections joined by 及 or 和 ("评议及举报情况"): the stated
count decides whether it is one part or two, and a heading with the same two sections matches it."""

from __future__ import annotations

import pytest

from xxgk.reportcheck import check
from xxgk.reportcheck.sections import find_declared
from xxgk.reportcheck.text import normalize


@pytest.mark.parametrize("joiner", ["及", "和"])
def test_one_part_two_sections_when_the_count_says_so(joiner):
    declared = find_declared(
        normalize(f"本报告共五个部分，包括：概述、主动公开情况、依申请公开情况、评议{joiner}举报情况、问题和改进措施。")
    )
    assert declared.count == 5
    assert declared.parts[3] == f"评议{joiner}举报情况"
    assert declared.keys == ["overview", "proactive", "on_request", "evaluation", "complaints", "problems"]


def test_two_parts_when_the_count_says_so():
    declared = find_declared(
        normalize("本报告共六个部分，包括：概述、主动公开情况、依申请公开情况、评议及举报情况、问题和改进措施。")
    )
    assert declared.parts[3:5] == ["评议", "举报情况"]


def test_a_report_with_the_joined_part_as_one_heading_has_no_part_findings():
    text = (
        "某大学年度报告\n本报告共五个部分，分别是：概述、主动公开情况、依申请公开情况、评议及举报情况、问题和改进措施。\n"
        "一、概述\n无。\n二、主动公开情况\n无。\n三、依申请公开情况\n无。\n四、信息公开评议及举报情况\n无。\n"
        "五、存在的问题和改进措施\n无。\n"
    )
    rep = check(text)
    codes = [f.code for f in rep.findings]
    assert rep.declared_count == 5
    assert not {"declared_count_mismatch", "declared_section_missing", "undeclared_section"} & set(codes)


def test_a_count_that_disagrees_either_way_is_still_reported():
    rep = check(
        "某大学\n本报告共四个部分，包括：概述、主动公开情况、依申请公开情况、评议及举报情况、问题和改进措施。\n"
    )
    (finding,) = [f for f in rep.findings if f.code == "declared_count_mismatch"]
    assert finding.message.startswith("报告开头称共4个部分，但列出了6个")
