"""An institution's feeds (whole site, item, department) hold only its own published records, never
another institution's, even when the other publishes later and under the same catalog item number."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from django.urls import reverse

from tests.portal.conftest import item, published
from xxgk.catalog.models import CatalogItem
from xxgk.org.models import Department
from xxgk.publishing.models import Record, RecordState

ATOM = "{http://www.w3.org/2005/Atom}"


def _links(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [e.find(f"{ATOM}link").get("href") for e in root.findall(f"{ATOM}entry")]


def test_feeds_hold_only_the_institutions_own_records(client, world):
    own = published(world, "本校公布的招生章程", items=[item(world, 7)])
    other = world.other_institution
    dept = Department.objects.filter(institution=other).first() or Department.objects.create(
        institution=other, name="党政办公室", code=world.dept_a.code, is_office=True
    )
    foreign = Record.objects.create(
        institution=other,
        department=dept,
        title="另一学校公布的招生章程",
        formed_on=own.formed_on,
        published_at=own.published_at.replace(year=own.published_at.year + 1),
        state=RecordState.PUBLISHED,
    )
    foreign.items.set([CatalogItem.objects.get(institution=other, number="7")])
    slug = world.institution.slug
    for url in (
        reverse("portal:feed", args=[slug]),
        reverse("portal:item_feed", args=[slug, "7"]),
        reverse("portal:department_feed", args=[slug, world.dept_a.code]),
    ):
        links = _links(client, url)
        assert [link.split("/")[-3:-1] for link in links] == [["records", str(own.pk)]], url
        assert all(f"/{slug}/records/" in link for link in links)
    assert _links(client, reverse("portal:feed", args=[other.slug]))[0].endswith(f"/{other.slug}/records/{foreign.pk}/")
