"""The counts the public pages show (home per category, catalog and item page per item, departments, the list of
institutions) follow a publication and a withdrawal at once, as the records count them."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.portal.conftest import item, published
from xxgk.publishing import services


def _pages(client, world) -> dict:
    slug = world.institution.slug
    home = client.get(reverse("portal:home", args=[slug])).content.decode()
    catalog = client.get(reverse("portal:catalog", args=[slug])).content.decode()
    item_page = client.get(reverse("portal:item", args=[slug, "21"])).content.decode()
    departments = client.get(reverse("portal:departments", args=[slug])).content.decode()
    deployment = client.get(reverse("portal:deployment")).content.decode()
    row = catalog[catalog.index(reverse("portal:item", args=[slug, "21"])) :]
    dept_row = departments[departments.index(f"/departments/{world.dept_a.code}/") :]
    card = deployment[deployment.index(world.institution.name) :]
    return {
        "category": [int(n) for n in re.findall(r'<span class="count">(\d+) 条</span>', home)][
            item(world, 21).category.number - 1
        ],
        "catalog": int(re.search(r"<td>(\d+)</td>", row[row.index("</td>") :]).group(1)),
        "item": int(re.search(r"（(\d+) 条）", item_page).group(1)),
        "department": int(re.search(r"<td>(\d+)</td>", dept_row).group(1)),
        "institution": int(re.search(r"已公开信息 (\d+) 条", card).group(1)),
    }


def test_counts_follow_publication_and_withdrawal(client, world):
    fees = item(world, 21)
    assert set(_pages(client, world).values()) == {0}
    first = published(world, "关于2024年学费收费标准的公示", items=[fees])
    published(world, "关于2024年住宿费收费标准的公示", items=[fees])
    assert set(_pages(client, world).values()) == {2}
    services.withdraw(world.signer, first, reason="标准有误，重新公示")
    assert set(_pages(client, world).values()) == {1}
