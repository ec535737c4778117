"""Parts named in other words than the 2018 notice uses: the synonyms are data (rules.json) and count
for declared parts and top-level headings, not for sub-headings."""

from __future__ import annotations

from xxgk.reportcheck import check
from xxgk.reportcheck.rules import section_rules
from xxgk.reportcheck.sections import classify

TEXT = (
    "某大学信息公开年度报告\n"
    "本报告由基本情况、信息发布情况、受理申请情况、社会评价、投诉处理、工作展望及其他说明事项组成。\n"
    "统计期限为2023年9月1日至2024年8月31日。\n"
    "一、基本情况\n无。\n二、信息发布情况\n发布信息10条。\n三、受理申请情况\n无。\n四、社会评价\n无。\n"
    "五、投诉处理\n无。\n六、工作展望\n无。\n七、其他说明事项\n无。\n附表：清单事项公开情况一览表\n"
)


def test_synonyms_are_data():
    items = section_rules()["items"]
    assert all(items[k].get("synonyms") for k in ["overview", "proactive", "on_request", "problems"])


def test_declared_parts_and_headings_in_other_words():
    rep = check(TEXT)
    keys = ["overview", "proactive", "on_request", "evaluation", "complaints", "problems", "other"]
    assert rep.declared_sections == keys
    assert rep.declared.unmapped == []
    assert rep.sections == [*keys, "checklist_table"]
    assert rep.findings == []


def test_a_synonym_does_not_make_a_sub_heading_a_part():
    assert classify("信息发布平台建设") == []
    assert classify("信息发布平台建设", part=True) == ["proactive"]
    rep = check("某大学\n一、概述\n（一）信息发布平台建设\n无。\n二、其他需要报告的事项\n无。\n")
    assert "proactive" not in rep.sections
