"""Atom feeds per institution, per catalog item and per department parse and carry the required elements."""

import xml.etree.ElementTree as ET

from django.urls import reverse

from tests.portal.conftest import item, published

ATOM = "{http://www.w3.org/2005/Atom}"


def _parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}") is not None and root.find(f"{ATOM}{name}").text, name
    assert root.find(f"{ATOM}link") is not None
    return root


def _entries(root):
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        assert entry.find(f"{ATOM}id").text
        assert entry.find(f"{ATOM}title").text
        assert entry.find(f"{ATOM}updated").text
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
    return {e.find(f"{ATOM}title").text: e for e in entries}


def test_institution_item_and_department_feeds(client, world):
    a = published(world, "宣传部的招生信息", items=[item(world, 9)])
    b = published(world, "学生处的资助信息", items=[item(world, 37)], drafter=world.drafter_b, department=world.dept_b)
    slug = world.institution.slug
    everything = _entries(_parse(client, reverse("portal:feed", args=[slug])))
    assert set(everything) == {a.title, b.title}
    link = everything[a.title].find(f"{ATOM}link").get("href")
    assert link.endswith(reverse("portal:record", args=[slug, a.pk]))
    assert set(_entries(_parse(client, reverse("portal:item_feed", args=[slug, "9"])))) == {a.title}
    assert set(_entries(_parse(client, reverse("portal:department_feed", args=[slug, "xgc"])))) == {b.title}


def test_empty_feed_is_still_valid(client, world):
    root = _parse(client, reverse("portal:feed", args=[world.other_institution.slug]))
    assert root.findall(f"{ATOM}entry") == []


def test_sitemap_lists_records(client, world):
    rec = published(world, "进入站点地图的信息")
    index = client.get(reverse("portal:sitemap"))
    assert b"sitemap-records.xml" in index.content
    records = client.get("/sitemap-records.xml").content.decode()
    assert reverse("portal:record", args=["hblg", rec.pk]) in records
