"""Lists page with numbers: 首页, 上一页, a window around the current page (1 … 4 5 [6] 7 8 … 58), 下一页,
末页 and a 跳转 form that keeps the filters; the current page is marked aria-current, and no script is
needed (a GET form)."""

from __future__ import annotations

import re
from html import unescape

from django.urls import reverse

from tests.portal.conftest import bulk_published, item
from xxgk.portal.templatetags.portal import page_window


def test_the_window_of_page_numbers():
    assert page_window(6, 58) == [1, None, 4, 5, 6, 7, 8, None, 58]
    assert page_window(1, 58) == [1, 2, 3, None, 58]
    assert page_window(4, 58) == [1, 2, 3, 4, 5, 6, None, 58]  # a gap of one page shows the page
    assert page_window(58, 58) == [1, None, 56, 57, 58]
    assert page_window(2, 3) == [1, 2, 3]


def _nav(html: str) -> str:
    return re.search(r'<nav class="pagination".*?</nav>', html, re.S).group(0)


def test_an_item_page_pages_with_numbers_and_a_jump_form(client, world):
    bulk_published(world, 20 * 11 + 3, items=[item(world, 1)])  # 12 pages
    url = reverse("portal:item", args=[world.institution.slug, "1"])
    nav = _nav(client.get(url, {"page": 6, "year": 2024}).content.decode())
    links = [(unescape(href), text) for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)]
    assert [text for _, text in links] == ["首页", "上一页", "1", "4", "5", "6", "7", "8", "12", "下一页", "末页"]
    assert links[0][0] == "?page=1&year=2024" and links[-1][0] == "?page=12&year=2024"
    assert re.search(r'<a href="\?page=6&amp;year=2024" aria-current="page"[^>]*>6</a>', nav)
    assert nav.count('<span class="gap" aria-hidden="true">…</span>') == 2
    assert "第 6 页，共 12 页" in nav
    form = re.search(r'<form method="get" class="page-jump">.*?</form>', nav, re.S).group(0)
    assert '<input type="hidden" name="year" value="2024">' in form
    assert 'name="page" min="1" max="12" value="6"' in form and "<script" not in nav
    # the jump form's request: the chosen page, filters kept
    page7 = _nav(client.get(url, {"year": 2024, "page": 11}).content.decode())
    assert re.search(r'aria-current="page"[^>]*>11</a>', page7)


def test_first_page_shows_first_and_previous_as_unavailable(client, world):
    bulk_published(world, 45, items=[item(world, 1)])
    nav = _nav(client.get(reverse("portal:item", args=[world.institution.slug, "1"])).content.decode())
    assert '<span class="disabled">首页</span>' in nav and '<span class="disabled">上一页</span>' in nav
    assert ">末页</a>" in nav
