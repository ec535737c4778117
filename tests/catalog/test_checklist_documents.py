"""有关文件 of the 50 清单 items: each document the reference can name, each with its verification level
(已核实/部分核实/未核实) and the reference it rests on; an item whose documents are not known has none (never
an invented one); the item's public page shows them with their level."""

from __future__ import annotations

import pytest

from xxgk.catalog.loader import checklist_data, documents_note
from xxgk.catalog.models import ChecklistItem

pytestmark = pytest.mark.django_db

LEVELS = {"已核实", "部分核实", "未核实"}


def test_every_document_has_a_level_and_a_basis(world):
    items = list(ChecklistItem.objects.order_by("number"))

    assert len(items) == 50
    documents = [d for i in items for d in i.documents]
    assert documents and all(d["verification"] in LEVELS and d["basis"].startswith("regulations.md") for d in documents)
    assert all(i.legal_basis == "；".join(d["title"] for d in i.documents) for i in items)
    assert "尚未获取" in documents_note()


def test_the_annual_report_item_names_the_checklist_notice_as_verified(world):
    item = ChecklistItem.objects.get(number=6)

    assert [(d["title"], d["verification"]) for d in item.documents] == [
        ("《高等学校信息公开办法》（教育部令第29号）", "部分核实"),
        ("《教育部关于公布〈高等学校信息公开事项清单〉的通知》（教办函〔2014〕23号）", "已核实"),
    ]


def test_items_linked_to_article_seven_are_unverified_and_others_are_empty(world):
    by_number = {i.number: i for i in ChecklistItem.objects.all()}

    assert [d["title"] for d in by_number[21].documents] == [
        "《高等学校信息公开办法》（教育部令第29号）第七条第（八）项"
    ]
    assert by_number[21].documents[0]["verification"] == "未核实"
    # 教代会, 学术委员会, 领导兼职, 巡视: the reference names no document for them
    assert [by_number[n].documents for n in (3, 4, 22, 49)] == [[], [], [], []]
    assert sum(1 for i in checklist_data()["items"] if i["documents"]) == sum(
        1 for i in by_number.values() if i.documents
    )


def test_the_public_item_page_shows_only_verified_documents_and_no_verification_notes(client, world):
    slug = world.institution.slug

    six = client.get(f"/{slug}/catalog/6/").content.decode()
    three = client.get(f"/{slug}/catalog/3/").content.decode()

    assert '<span class="document">' in six and "教办函〔2014〕23号" in six
    assert "核实程度" not in six and "部分核实" not in six
    assert "有关文件" not in three and "尚未核实" not in three


def test_the_office_sees_every_document_with_its_level(client, world):
    from xxgk.catalog.models import CatalogItem

    item = CatalogItem.objects.get(institution=world.institution, number="6")
    client.force_login(world.office)
    page = client.get(f"/staff/catalog/{item.pk}/").content.decode()
    assert "教办函〔2014〕23号）（已核实）" in page and "（部分核实）" in page
