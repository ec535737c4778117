"""Catalog items whose name holds the query are shown above the records it finds; a search that finds no
record suggests the items holding the query, never just the first items of the catalog."""

from django.urls import reverse

from tests.portal.conftest import item, published


def _search(client, world, q):
    return client.get(reverse("portal:search", args=[world.institution.slug]), {"q": q})


def _item_links(world, response) -> list[str]:
    """The numbers of the items offered, in order (each shown as a link to its page)."""
    numbers = [i.number for i, _title in response.context["matched_items"]]
    html = response.content.decode()
    assert all(reverse("portal:item", args=[world.institution.slug, n]) in html for n in numbers)
    return numbers


def test_an_item_whose_name_holds_the_query_is_shown_above_the_records(client, world):
    published(world, "2024年学生奖助学金评定结果的公示", body="<p>获得奖学金的学生名单。</p>")
    response = _search(client, world, "奖学金")
    html = response.content.decode()
    assert _item_links(world, response) == ["37"]
    link = reverse("portal:item", args=[world.institution.slug, "37"])
    assert html.index(link) < html.index('id="res-h"')  # above the records
    assert "学生<mark>奖学金</mark>、助学金" in html
    assert response.context["results"].total == 1


def test_several_items_and_a_term_in_the_middle_of_a_name(client, world):
    response = _search(client, world, "章程")
    assert _item_links(world, response) == ["2", "7"]  # 学校章程… and 招生章程…, in catalog order
    assert _item_links(world, _search(client, world, "招生 简章")) == ["11"]  # every term in the name


def test_a_search_with_no_record_suggests_the_items_holding_the_query(client, world):
    published(world, "关于公布校历的通知")
    response = _search(client, world, "收费标准")
    assert response.context["results"].total == 0
    assert _item_links(world, response) == ["21"]
    html = response.content.decode()
    assert reverse("portal:item", args=[world.institution.slug, "21"]) in html
    assert reverse("portal:item", args=[world.institution.slug, "1"]) not in html  # not the first items


def test_items_holding_one_term_when_none_holds_all(client, world):
    response = _search(client, world, "奖学金 游泳馆")
    assert _item_links(world, response) == ["37"]


def test_no_item_and_no_record_shows_no_item_list(client, world):
    response = _search(client, world, "游泳馆开放")
    assert response.context["matched_items"] == []
    assert "目录事项</h2>" not in response.content.decode()


def test_an_inactive_item_is_not_offered(client, world):
    fees = item(world, 21)
    fees.active = False
    fees.save()
    assert _item_links(world, _search(client, world, "收费标准")) == []
