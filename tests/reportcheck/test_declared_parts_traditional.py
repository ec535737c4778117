"""A part list written in traditional characters reads like the simplified one; the parts are quoted
as normalised."""

from __future__ import annotations

from xxgk.reportcheck import check


def test_traditional_list_with_count_and_semicolons():
    rep = check(
        "某某大學\n本報告共分為六個部分：概述；主動公開情況；依申請公開和不予公開情況；評議情況；舉報情況；存在的問題和改進措施。\n"
        "一、概述\n無。\n"
    )
    assert rep.declared_count == 6
    assert rep.declared.parts[1] == "主动公开情况"
    assert rep.declared_sections == ["overview", "proactive", "on_request", "evaluation", "complaints", "problems"]


def test_traditional_list_without_count():
    rep = check("某某大學\n本報告由概述、主動公開情況、依申請公開情況及其他需要報告的事項組成。\n")
    assert rep.declared_count is None
    assert rep.declared_sections == ["overview", "proactive", "on_request", "other"]
