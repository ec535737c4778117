"""Wrong citations of the 办法 (教育部令第29号) and the 清单 (教办函〔2014〕23号)."""

from __future__ import annotations

import pytest

from xxgk.reportcheck import check

from .conftest import report


def citation_messages(text):
    return [f.message for f in check(text).findings if f.code == "wrong_citation"]


def test_seeds_cite_correctly(hainan, quanzhou):
    assert not [f for f in hainan.findings + quanzhou.findings if f.code == "wrong_citation"]


def test_report_with_three_wrong_citations():
    rep = report("baisha-wrong-citation.txt")
    messages = [f.message for f in rep.findings if f.code == "wrong_citation"]
    assert messages == [
        "引用名称有误：《高校信息公开办法》应为《高等学校信息公开办法》",
        "文号有误：《高等学校信息公开办法》的文号应为教育部令第29号，报告写作“教育部令第26号”",
        "文号有误：《高等学校信息公开事项清单》的文号应为教办函〔2014〕23号，报告写作“教办函〔2014〕32号”",
    ]
    # 《普通高等学校学生管理规定》（教育部令第41号） is another document, rightly numbered
    assert not any("第41号" in m for m in messages)
    assert all(f.text for f in rep.findings if f.code == "wrong_citation")


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("依据《高等学校信息公开事项清单》（教办函〔2015〕23号）", "教办函〔2015〕23号"),
        ("依据《高等学校信息公开办法》（教育部第26号令）", "教育部第26号令"),
        ("依据《高等院校信息公开办法》", "《高等院校信息公开办法》应为《高等学校信息公开办法》"),
        ("依据《高校信息公开事项清单》", "《高校信息公开事项清单》应为《高等学校信息公开事项清单》"),
    ],
)
def test_wrong(text, fragment):
    (message,) = citation_messages(text)
    assert fragment in message


@pytest.mark.parametrize(
    "text",
    [
        "依据《高等学校信息公开办法》（教育部第29号令）",
        "依据《高等学校信息公开办法》（中华人民共和国教育部令第29号）",
        "依据《教育部关于公布〈高等学校信息公开事项清单〉的通知》（教办函[2014]23号）",
        "根据《海南大学信息公开实施办法》和《教育部政府信息公开保密审查规范（试行）》",
        "按照《教育部办公厅关于做好2018年高校信息公开年度报告工作的通知》（教办厅函〔2018〕80号）",
    ],
)
def test_right(text):
    assert citation_messages(text) == []
