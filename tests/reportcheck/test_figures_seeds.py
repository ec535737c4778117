"""Every figure the two seed reports print, with its value, unit, approximation and what it counts."""

from __future__ import annotations

import pytest

from xxgk.reportcheck import extract_figures
from xxgk.reportcheck.text import normalize

HAINAN = [
    (1312, "条", False),
    (445, "条", False),
    (63, "条", False),
    (474, "条", False),
    (77, "条", False),
    (13, "条", False),
    (224, "条", False),
    (16, "条", False),
    (305, "篇", False),
    (228, "篇", False),
    (155, "篇", False),
    (174, "篇", False),
    (61, "条", False),
    (69, "条", False),
    (39622, "人次", False),
    (85, "条", False),
    (110982, "人次", False),
    (1373, "人次", False),
    (10000, "人次", True),
    (449, "条", False),
    (50, "个", False),
    (50, "个", False),
    (20, "个", False),
    (1081.11, "万元", False),
    (30, "个", False),
    (2077.32, "万元", False),
    (8, "条", False),
    (231, "人", False),
    (82, "篇", False),
    (120, "张", False),
    (55, "条", False),
    (28, "条", False),
    (9, "次", False),
    (20, "次", False),
    (37, "条", False),
    (6, "项", False),
    (98, "条", False),
    (94, "条", False),
    (16, "条", False),
    (249, "条", False),
    (14, "人", False),
    (6, "条", False),
]

QUANZHOU = [
    (18, "条", False),
    (294, "条", False),
    (468, "条", False),
    (359, "条", False),
    (109, "条", False),
    (674, "篇", False),
    (94, "条", False),
    (189, "条", False),
    (556, "条", False),
    (190, "篇", True),
    (10, "篇", True),
    (230, "篇", True),
    (1748, "个", False),
    (968, "次", False),
    (15309, "", False),
    (126, "篇", False),
    (30, "个", True),
    (150, "项", True),
    (16, "场", False),
    (24, "场", False),
    (29, "场", False),
    (59, "家", True),
    (258, "家", True),
    (6400, "个", True),
]


def triples(rep):
    return [(f.value, f.unit, f.approx) for f in rep.figures]


def test_every_hainan_figure_and_nothing_else(hainan):
    assert triples(hainan) == HAINAN


def test_every_quanzhou_figure_and_nothing_else(quanzhou):
    # not figures: 2022-2023学年, 2022年9月1日, the URL, 2023届, 前8名 (a rank), 91.5 (no unit),
    # 1号 (an address), the postcode 362700, the phone number and qzhyxydzb@163.com
    assert triples(quanzhou) == QUANZHOU


def test_full_width_separator_and_wan_yuan(hainan):
    money = [f for f in hainan.figures if f.unit == "万元"]
    assert [(f.value, f.phrase, f.counts) for f in money] == [
        (1081.11, "1，081.11万元", "成交金额"),
        (2077.32, "2，077.32万元", "成交金额"),
    ]


@pytest.mark.parametrize(
    "phrase, counts",
    [
        ("445条", "山海新闻"),
        ("110982人次", "E答招生咨询量"),
        ("1373人次", "微信公众号咨询量"),
        ("近10000人次", "电话咨询量"),
        ("231人", "新入职教职工"),
        ("39622人次", "录取结果查询"),
    ],
)
def test_what_hainan_figures_count(hainan, phrase, counts):
    (fig,) = [f for f in hainan.figures if f.phrase == phrase]
    assert fig.counts == counts


@pytest.mark.parametrize(
    "phrase, counts",
    [
        ("359 条", "校园新闻"),
        ("109条", "媒体聚焦"),
        ("94条", "媒体报道"),
        ("1748个", "点赞"),
        ("968次", "转发"),
        ("15309", "在心理健康板块截至目前服务总用户数"),
        ("16场", "举办线上招聘会"),
        ("24场", "线下专业宣讲会"),
        ("超过59家", "征集到校企业"),
        ("150余项", "上线办事服务"),
    ],
)
def test_what_quanzhou_figures_count(quanzhou, phrase, counts):
    (fig,) = [f for f in quanzhou.figures if f.phrase == phrase]
    assert fig.counts == counts


def test_text_is_the_clause_as_written(hainan, quanzhou):
    (e_da,) = [f for f in hainan.figures if f.value == 110982]
    assert e_da.text == "E答招生咨询量达到110982人次"
    (jobs,) = [f for f in quanzhou.figures if f.value == 6400]
    assert jobs.text == "为2023届毕业生引进就业岗位超过6400个" and jobs.phrase == "超过6400个"


def test_figures_know_their_section(hainan):
    by_value = {f.phrase: f.section for f in hainan.figures}
    assert by_value["1312条"] == "proactive"
    assert by_value["110982人次"] == "key_areas"


def figures(text):
    return [(f.value, f.unit, f.approx) for f in extract_figures(normalize(text), text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("微博发布信息1万余条", [(10000, "条", True)]),
        ("阅读量1.2万人次", [(12000, "人次", False)]),
        ("各类业务系统 30 余个", [(30, "个", True)]),
        ("举办讲座10场以上", [(10, "场", True)]),
        ("约200篇", [(200, "篇", True)]),
        ("满意率为96.5%", [(96.5, "%", False)]),
        ("成交金额3.5亿元", [(3.5, "亿元", False)]),
        ("发布信息１２３条", [(123, "条", False)]),
        ("答复时限为15个工作日", [(15, "个工作日", False)]),
    ],
)
def test_value_unit_approx(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2022—2023年度信息公开工作报告",
        "（教办函〔2014〕23号）",
        "《高等学校信息公开办法》（中华人民共和国教育部令第29号）",
        "省第8次党代会",
        "荣登全国职业院校前8名",
        "电话：18960221860，邮政编码：362700",
        "1.招生工作严格规范公开程序",
        "（4） 招标（采购）项目信息公开情况",
        "2023届毕业生",
        "以91.5的影响力指数",
        "qzhyxydzb@163.com",
    ],
)
def test_not_figures(text):
    assert figures(text) == []


def test_qianyue_is_not_an_approximation():
    assert figures("签约5家企业") == [(5, "家", False)]
    assert figures("最近3天") == [(3, "天", False)]
