"""A visitor in Chromium: browse the catalog to a file, search in Chinese, a phone, larger text, the feed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.personas import build_world
from xxgk.catalog.loader import load_checklist
from xxgk.catalog.models import CatalogItem
from xxgk.portal import cache as portal_cache
from xxgk.publishing import services
from xxgk.publishing.models import Record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TARGET = "关于做好2024年家庭经济困难学生认定工作的通知"


@pytest.fixture
def site(live_server):
    load_checklist()  # transactional tests flush the tables the data migration filled
    portal_cache.clear()
    world = build_world()
    aid = CatalogItem.objects.get(institution=world.institution, number="37")  # 学生奖助学金
    aid.departments.add(world.dept_a)

    def publish(title, body, items=(), upload=None):
        rec = services.create_draft(
            world.drafter_a,
            world.dept_a,
            {"title": title, "formed_on": date(2024, 3, 1), "body": body, "summary": title[:20]},
            items=items,
        )
        if upload:
            services.add_attachment(world.drafter_a, rec, upload)
        services.submit(world.drafter_a, rec)
        world.through_chain(rec)
        return Record.objects.get(pk=rec.pk)

    for i in range(12):
        publish(f"学生资助政策解读（第{i + 1}期）", "<p>国家助学金、助学贷款和勤工助学的政策说明。</p>", items=[aid])
    target = publish(
        TARGET,
        "<p>各学院：请按照家庭经济困难学生认定办法，做好认定工作。</p>",
        items=[aid],
        upload=SimpleUploadedFile("认定名单.txt", "家庭经济困难学生认定名单".encode()),
    )
    return world, target


def test_catalog_to_item_to_record_to_attachment(new_page, live_server, site):
    world, target = site
    page = new_page()
    page.goto(f"{live_server.url}/hblg/")
    page.get_by_role("link", name="学生管理服务信息").click()
    page.wait_for_url("**/hblg/catalog/**")
    page.locator('a[href="/hblg/catalog/37/"]').first.click()
    page.wait_for_url("**/hblg/catalog/37/")
    assert "责任部门" in page.content()
    page.get_by_role("link", name=TARGET).click()
    page.wait_for_url(f"**/hblg/records/{target.pk}/")
    assert page.locator("h1").inner_text() == TARGET
    assert page.locator("table.meta").get_by_text("索引号").count() == 1
    with page.expect_download() as download:
        page.get_by_role("link", name="认定名单.txt").click()
    path = download.value.path()
    assert open(path, encoding="utf-8").read() == "家庭经济困难学生认定名单"


def test_search_a_chinese_phrase_finds_it_first(new_page, live_server, site):
    world, target = site
    page = new_page()
    page.goto(f"{live_server.url}/hblg/")
    page.fill("#site-q", "家庭经济困难学生认定")
    page.keyboard.press("Enter")
    page.wait_for_url("**/hblg/search/**")
    first = page.locator("ol.results > li").first
    assert first.locator("h3 a").inner_text() == TARGET
    assert first.locator("mark").count() >= 1


def test_phone_viewport_has_no_horizontal_scroll(new_page, live_server, site):
    world, target = site
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    for path in (
        "/",
        "/hblg/",
        "/hblg/catalog/",
        "/hblg/catalog/37/",
        f"/hblg/records/{target.pk}/",
        "/hblg/search/?q=学生认定",
        "/hblg/guide/",
    ):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (path, overflow)


def test_larger_text_mode_is_toggled_and_remembered(new_page, live_server, site):
    page = new_page()
    page.goto(f"{live_server.url}/hblg/")
    size = lambda: page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")  # noqa: E731
    normal = size()
    page.get_by_role("button", name="大字模式").click()
    assert size() > normal
    assert page.get_by_role("button", name="大字模式").get_attribute("aria-pressed") == "true"
    page.goto(f"{live_server.url}/hblg/guide/")
    assert size() > normal
    assert page.get_by_role("button", name="大字模式").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="大字模式").click()
    assert size() == normal


def test_keyboard_first_tab_reaches_the_skip_link(new_page, live_server, site):
    page = new_page()
    page.goto(f"{live_server.url}/hblg/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_feed_is_atom(new_page, live_server, site):
    world, target = site
    page = new_page()
    response = page.request.get(f"{live_server.url}/hblg/feed/")
    assert response.ok and response.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(response.body())
    atom = "{http://www.w3.org/2005/Atom}"
    assert root.tag == f"{atom}feed"
    assert root.find(f"{atom}id").text and root.find(f"{atom}updated").text
    titles = [e.find(f"{atom}title").text for e in root.findall(f"{atom}entry")]
    assert titles[0] == TARGET
    for entry in root.findall(f"{atom}entry"):
        assert entry.find(f"{atom}id").text and entry.find(f"{atom}link").get("href")
