"""Each person is shown only the pages they can open, grouped; every link in the menus opens for them."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.workbench.test_authorization_matrix import STAFF

ALL = {
    "我的待办",
    "拟稿",
    "我的草稿",
    "全部信息",
    "依申请公开",
    "来信办理",
    "统计看板",
    "年度数据",
    "年度报告",
    "各校汇总",
    "年报督查",
    "年报检查",
    "目录管理",
    "发布渠道",
    "学校设置",
    "旧网站体检",
    "接口令牌",
    "人员",
    "工作日",
    "学校",
}
COMMON = {"我的待办", "全部信息", "依申请公开", "来信办理", "年报检查", "学校"}
DRAFTER = COMMON | {"拟稿", "我的草稿", "年度数据"}
OFFICE = ALL - {"各校汇总", "年报督查"}
# written out by hand: what each persona's menu holds
EXPECTED = {
    "drafter_a": DRAFTER,
    "drafter_b": DRAFTER,
    "other_drafter": DRAFTER,
    "checker_a": COMMON,
    "checker_b": COMMON,
    "secrecy": COMMON,
    "signer": COMMON,
    "office": OFFICE,
    "other_office": OFFICE,
    "supervisor": COMMON
    | {"统计看板", "年度报告", "各校汇总", "年报督查", "工作日"},  # the official calendar (edit_calendar)
}
MENU = re.compile(r'<nav class="menu".*?</nav>', re.S)
NAVS = re.compile(r'<nav class="(?:menu|subnav)".*?</nav>|<p class="actions">.*?</p>', re.S)
LINK = re.compile(r'<a href="(/staff/[^"#?]*)"[^>]*>([^<]+)')


def _menu(client):
    page = client.get(reverse("workbench:todo")).content.decode()
    return {label.strip(): href for href, label in LINK.findall(MENU.search(page).group(0))}


@pytest.mark.parametrize("person", sorted(STAFF))
def test_menu_shows_what_the_person_can_use(client, world, person):
    client.force_login(world.people[person])
    assert set(_menu(client)) == EXPECTED[person]


@pytest.mark.parametrize("person", sorted(STAFF))
def test_every_link_in_the_menus_opens(client, world, person):
    client.force_login(world.people[person])
    seen, refused = set(), []
    for href in _menu(client).values():
        page = client.get(href)
        assert page.status_code == 200, href
        for block in NAVS.findall(page.content.decode()):
            for sub, _label in LINK.findall(block):
                if sub not in seen:
                    seen.add(sub)
                    if client.get(sub).status_code != 200:
                        refused.append(sub)
    assert refused == []


def test_menu_is_grouped(client, world):
    client.force_login(world.office)
    page = client.get(reverse("workbench:todo")).content.decode()
    groups = re.findall(r'<span class="menu-label">([^<]+)</span>', page)
    assert groups == ["工作", "依申请公开与来信", "统计与报告", "设置"]
