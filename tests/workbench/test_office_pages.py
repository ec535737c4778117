"""The office's catalog, channel and settings pages: only its administrators, every change audited."""

import pytest
from django.urls import reverse

from tests.workbench.test_authorization_matrix import PEOPLE
from xxgk.catalog.models import CatalogItem, ChecklistCategory
from xxgk.core.models import AuditEvent
from xxgk.publishing.models import Channel, ChannelTally

OFFICE_URLS = ["workbench:catalog", "workbench:catalog_new", "workbench:channels", "workbench:settings"]


@pytest.mark.parametrize("url", OFFICE_URLS)
@pytest.mark.parametrize("person", PEOPLE)
def test_only_office_administrators_open_office_pages(client, world, person, url):
    client.force_login(world.people[person])
    response = client.get(reverse(url))
    assert response.status_code == (200 if person in {"office", "other_office"} else 403)


def test_other_institutions_catalog_item_is_not_found(client, world):
    theirs = CatalogItem.objects.filter(institution=world.other_institution).first()
    client.force_login(world.office)
    assert client.get(reverse("workbench:catalog_item", args=[theirs.pk])).status_code == 404


def test_office_edits_an_item_and_assigns_departments(client, world):
    item = CatalogItem.objects.get(institution=world.institution, number="7")
    client.force_login(world.office)
    response = client.post(
        reverse("workbench:catalog_item", args=[item.pk]),
        {
            "title": "招生章程及特殊类型招生办法，分批次、分科类招生计划（本科）",
            "active": "on",
            "departments": [world.dept_a.pk],
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title.endswith("（本科）")
    assert list(item.departments.all()) == [world.dept_a]
    assert item.checklist_item.title == "招生章程及特殊类型招生办法，分批次、分科类招生计划"
    event = AuditEvent.objects.get(action="catalog_item_updated")
    assert event.actor == world.office and "（本科）" in event.data["after"]["title"]
    page = client.get(reverse("workbench:catalog")).content.decode()
    assert "（本科）" in page and "党委宣传部" in page


def test_empty_title_is_refused(client, world):
    item = CatalogItem.objects.get(institution=world.institution, number="7")
    client.force_login(world.office)
    response = client.post(reverse("workbench:catalog_item", args=[item.pk]), {"title": "  ", "active": "on"})
    assert response.status_code == 200 and "这个字段是必填项" in response.content.decode()


def test_own_items_are_numbered_and_listed(client, world):
    client.force_login(world.office)
    category = ChecklistCategory.objects.get(number=6)
    for title in ("学生宿舍管理规定", "校园卡收费标准"):
        client.post(
            reverse("workbench:catalog_new"),
            {"category": category.pk, "title": title, "departments": [world.dept_b.pk]},
        )
    own = CatalogItem.objects.filter(institution=world.institution, checklist_item__isnull=True).order_by("number")
    assert [(i.number, i.title) for i in own] == [("X1", "学生宿舍管理规定"), ("X2", "校园卡收费标准")]
    assert CatalogItem.objects.filter(institution=world.institution).count() == 52
    assert CatalogItem.objects.filter(institution=world.other_institution).count() == 50


def test_channel_and_tally(client, world):
    client.force_login(world.office)
    client.post(
        reverse("workbench:channels"),
        {"form": "channel", "name": "学校官方微信公众号", "kind": "wechat", "department": world.dept_a.pk},
    )
    channel = Channel.objects.get(institution=world.institution, name="学校官方微信公众号")
    assert not channel.logged_individually
    duplicate = client.post(
        reverse("workbench:channels"), {"form": "channel", "name": "学校官方微信公众号", "kind": "wechat"}
    )
    assert "已有同名渠道" in duplicate.content.decode()
    client.post(
        reverse("workbench:channels"),
        {
            "form": "tally",
            "channel": channel.pk,
            "period_start": "2023-09-01",
            "period_end": "2024-08-31",
            "count": 305,
            "note": "",
        },
    )
    assert ChannelTally.objects.get(channel=channel).count == 305
    backwards = client.post(
        reverse("workbench:channels"),
        {"form": "tally", "channel": channel.pk, "period_start": "2024-08-31", "period_end": "2023-09-01", "count": 1},
    )
    assert "截止日期不能早于起始日期" in backwards.content.decode()
    assert ChannelTally.objects.filter(channel=channel).count() == 1


def test_settings_refuse_an_index_format_without_sequence(client, world):
    client.force_login(world.office)
    page = client.get(reverse("workbench:settings")).content.decode()
    assert world.institution.name in page
    data = {
        "name": world.institution.name,
        "short_name": "",
        "office_name": "党政办公室",
        "address": "",
        "postcode": "",
        "office_hours": "",
        "phone": "0898-66660000",
        "email": "",
        "website": "",
        "index_format": "{code}-{year}",
        "timeliness_days": 20,
    }
    response = client.post(reverse("workbench:settings"), data)
    assert "必须包含序号字段" in response.content.decode()
    data["index_format"] = "{code}/{year}/{seq:05d}"
    assert client.post(reverse("workbench:settings"), data).status_code == 302
    world.institution.refresh_from_db()
    assert world.institution.index_format == "{code}/{year}/{seq:05d}"
    assert AuditEvent.objects.filter(action="institution_updated").exists()
