"""A report pasted onto one line (copied from a web page): its part headings sit mid-line and are
still found; an inline list 一、…二、… inside a paragraph is not taken for headings."""

from xxgk.reportcheck import check

FILLER = "学校认真贯彻落实《高等学校信息公开办法》，不断完善信息公开工作机制，推进信息公开工作规范化、制度化。"
PARTS = [
    "一、概述",
    "二、主动公开信息情况",
    "三、依申请公开和不予公开情况",
    "四、对信息公开的评议情况",
    "五、因学校信息公开工作受到举报、复议、诉讼的情况",
    "六、信息公开工作存在的主要问题及改进措施",
    "七、其他需要报告的事项",
]


def test_headings_mid_line_are_found():
    text = " ".join(f"{p} {FILLER}本年度主要做法：一是加强组织领导；二是完善制度。" for p in PARTS)
    text = "统计期限为2022年9月1日至2023年8月31日。" + text + " 八、清单事项公开情况表 详见附表。"
    report = check(text)
    assert "\n" not in text
    assert report.sections[:7] == [
        "overview",
        "proactive",
        "on_request",
        "evaluation",
        "complaints",
        "problems",
        "other",
    ]
    assert not [f for f in report.findings if f.code == "missing_section"]


def test_an_inline_list_is_not_a_heading():
    body = f"{FILLER}具体措施有：一、加强领导；二、健全制度；三、强化监督。" * 3
    text = f"一、概述 {body} 二、主动公开信息情况 {FILLER * 2}"
    report = check(text)
    assert report.sections == ["overview", "proactive"]
