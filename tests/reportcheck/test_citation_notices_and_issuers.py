"""Wrong citations beyond a misspelt title: the 2018 notice's number, a number under the wrong
issuer (教办厅函 for 教办函 and back), the 清单's notice under another name, and the 2018 notice's
number after a title that names another year. The right numbers come from rules.json."""

from __future__ import annotations

import pytest

from xxgk.reportcheck import check
from xxgk.reportcheck.rules import citation_rules

NOTICE_TITLE = "《教育部办公厅关于做好2018年高校信息公开年度报告工作的通知》"


def citation_messages(text):
    return [f.message for f in check(text).findings if f.code == "wrong_citation"]


def number_of(name):
    return next(c["number"] for c in citation_rules() if c["name"] == name)


def test_right_numbers_are_data():
    assert number_of("2018年报通知") == "教办厅函〔2018〕80号"
    assert number_of("清单") == "教办函〔2014〕23号"
    assert number_of("办法") == "教育部令第29号"


@pytest.mark.parametrize(
    "text, found",
    [
        (f"按照{NOTICE_TITLE}（教办厅函〔2018〕81号）要求编制本报告。", "教办厅函〔2018〕81号"),
        ("根据教育部办公厅关于年度报告工作的通知（教办函〔2018〕80号）要求，编制本报告。", "教办函〔2018〕80号"),
        ("根据年度报告工作要求（教办厅函[2018]08号），编制本报告。", "教办厅函[2018]08号"),
    ],
)
def test_wrong_number_of_the_2018_notice(text, found):
    (message,) = citation_messages(text)
    assert (
        message
        == f"文号有误：教育部办公厅2018年高校信息公开年度报告工作通知的文号应为教办厅函〔2018〕80号，报告写作“{found}”"
    )


def test_the_checklist_under_the_offices_issuer():
    (message,) = citation_messages("依据《教育部关于公布〈高等学校信息公开事项清单〉的通知》（教办厅函〔2014〕23号）")
    assert (
        message == "文号有误：《高等学校信息公开事项清单》的文号应为教办函〔2014〕23号，报告写作“教办厅函〔2014〕23号”"
    )


@pytest.mark.parametrize(
    "title",
    [
        "《教育部关于印发〈高等学校信息公开事项清单〉的通知》",
        "《教育部办公厅关于公布〈高等学校信息公开事项清单〉的通知》",
        "《教育部关于公布“高等学校信息公开事项清单”的通知》",
    ],
)
def test_the_checklists_notice_under_another_name(title):
    (message,) = citation_messages(f"依据{title}（教办函〔2014〕23号）")
    assert message == f"引用名称有误：{title}应为《教育部关于公布〈高等学校信息公开事项清单〉的通知》"


def test_the_checklists_notice_with_a_wrong_inner_title_is_reported_once():
    (message,) = citation_messages("依据《教育部关于公布〈高校信息公开事项清单〉的通知》（教办函〔2014〕23号）")
    assert message.startswith("引用名称有误：《教育部关于公布〈高校信息公开事项清单〉的通知》应为")


def test_the_2018_number_after_a_title_naming_another_year():
    (message,) = citation_messages(
        "按照《教育部办公厅关于做好2020年高校信息公开年度报告工作的通知》（教办厅函〔2018〕80号）要求。"
    )
    assert "教办厅函〔2018〕80号是教育部办公厅2018年高校信息公开年度报告工作通知" in message
    assert "《教育部办公厅关于做好2020年高校信息公开年度报告工作的通知》" in message


@pytest.mark.parametrize(
    "text",
    [
        f"按照{NOTICE_TITLE}（教办厅函〔2018〕80号）",
        "按照《教育部办公厅关于做好2017—2018学年高校信息公开年度报告工作的通知》（教办厅函〔2018〕80号）",
        # other years' notices on the annual report are other documents, not a wrong 2018 number
        "根据教育部办公厅年度报告工作的要求（教办厅函〔2013〕48号、教办厅函〔2015〕48号）",
        "根据教育部办公厅年度报告工作的要求（教办厅函〔2021〕17号）",
        # the 2018 notice's right number near the word 清单 is not a wrong number of the 清单
        "对照清单逐项说明，并按年度报告通知（教办厅函〔2018〕80号）附栏目链接。",
        "依据《教育部关于公布〈高等学校信息公开事项清单〉的通知》（教办函〔2014〕23号）"
        f"和{NOTICE_TITLE}（教办厅函〔2018〕80号）",
    ],
)
def test_right(text):
    assert citation_messages(text) == []


def test_the_finding_quotes_the_passage():
    rep = check(f"某大学信息公开年度报告\n按照{NOTICE_TITLE}（教办厅函〔2018〕18号）编制。\n")
    (finding,) = [f for f in rep.findings if f.code == "wrong_citation"]
    assert "教办厅函〔2018〕18号" in finding.text
