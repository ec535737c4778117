"""A report written in traditional characters reads like a simplified one."""

from __future__ import annotations

from xxgk.reportcheck.text import normalize, to_simplified

from .conftest import report


def test_characters_map_one_for_one():
    words = (
        "報告內容包括概述、主動公開情況、依申請公開、評議、舉報、複議、訴訟、其他需要報告的事項、清單事項公開情況一覽表"
    )
    assert to_simplified(words) == (
        "报告内容包括概述、主动公开情况、依申请公开、评议、举报、复议、诉讼、其他需要报告的事项、清单事项公开情况一览表"
    )
    assert len(normalize(words)) == len(words)


def test_traditional_report_sections_and_declared_parts():
    rep = report("nanshan-traditional.txt")
    assert rep.school == "南山師範大學"
    assert rep.period.to_dict() == {"start": "2023-09-01", "end": "2024-08-31"}
    assert rep.declared_count == 7
    assert rep.declared_sections == [
        "overview",
        "proactive",
        "on_request",
        "evaluation",
        "complaints",
        "problems",
        "other",
    ]
    assert rep.sections == [
        "overview",
        "proactive",
        "key_areas",
        "on_request",
        "evaluation",
        "complaints",
        "problems",
        "other",
        "checklist_table",
    ]
    assert rep.missing_sections == []
    assert rep.findings == []


def test_traditional_figures_are_quoted_as_written():
    rep = report("nanshan-traditional.txt")
    by_phrase = {f.phrase: f for f in rep.figures}
    assert by_phrase["1萬餘條"].value == 10000 and by_phrase["1萬餘條"].approx
    assert by_phrase["1萬餘條"].unit == "条"
    assert by_phrase["超過120萬人次"].value == 1_200_000
    assert by_phrase["2,160條"].counts == "學校門戶網站共發佈各類信息"
    assert by_phrase["96.5%"].unit == "%"


def test_traditional_key_figures():
    rep = report("nanshan-traditional.txt")
    assert rep.key_figures == {"website_items": 2160, "wechat_posts": 412, "applications": 5, "complaints": 0}
