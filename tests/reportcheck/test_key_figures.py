"""The four figures --compare puts side by side: website items, WeChat posts, applications, complaints."""

from __future__ import annotations

import pytest

from xxgk.reportcheck import check

from .conftest import report


def test_seeds(hainan, quanzhou):
    # 海南: 官网各栏目 1312 (not 教务处's 98 or 人事's 8); the official account's 305, not the
    # department accounts (228, 155, 174); 未接到…申请 → 0; 未发生…举报 → 0
    assert hainan.key_figures == {"website_items": 1312, "wechat_posts": 305, "applications": 0, "complaints": 0}
    # 泉州: 校园网主页 468 (not 招生信息网's 18); “泉州海洋职业学院” 674, not “…招生处” 294
    assert quanzhou.key_figures == {"website_items": 468, "wechat_posts": 674, "applications": 0, "complaints": 0}


@pytest.mark.parametrize(
    "name, expected",
    [
        ("beijiang-parts.txt", {"website_items": 412, "wechat_posts": 365, "applications": 2, "complaints": 0}),
        ("xiangjiang-paren-only.txt", {"website_items": 980, "wechat_posts": 326, "applications": 3, "complaints": 0}),
        ("dongting-dots.txt", {"website_items": 735, "wechat_posts": None, "applications": 0, "complaints": 0}),
    ],
)
def test_other_styles(name, expected):
    assert report(name).key_figures == expected


def test_without_sections_the_whole_text_is_searched():
    rep = check(
        "某某大学\n报告期内，学校共受理信息公开申请12件，其中：予以公开8件，部分公开2件，不予公开2件。\n"
        "学校网站累计发布信息3,456条（其中新闻1,200条，通知2,256条）。在学校官网发布信息共计1200余条。\n"
        "本学年共收到举报2件，均已办结。\n"
    )
    assert rep.key_figures == {"website_items": 3456, "wechat_posts": None, "applications": 12, "complaints": 2}
    assert [f.counts for f in rep.figures if f.unit == "条"][:3] == ["学校网站累计发布信息", "新闻", "通知"]
