"""Catalog tree: category → item → records, with responsible departments, last update, filters and pages."""

from django.urls import reverse

from tests.portal.conftest import bulk_published, item, published
from xxgk.publishing import services
from xxgk.publishing.models import Channel


def test_tree_lists_categories_items_departments_and_counts(client, world):
    fees = item(world, 21)
    fees.departments.add(world.dept_b)
    rec = published(world, "关于2024年学费收费标准的公示", items=[fees])
    html = client.get(reverse("portal:catalog", args=[world.institution.slug])).content.decode()
    assert html.count('<h2 id="cat-') == 10
    item_url = reverse("portal:item", args=[world.institution.slug, "21"])
    assert item_url in html
    row = html[html.index(item_url) :]
    row = row[: row.index("</tr>")]
    assert "学生工作处" in row and ">1<" in row and rec.published_at.astimezone().strftime("%Y-") in row


def test_item_page_lists_its_records_with_department_and_last_update(client, world):
    fees = item(world, 21)
    fees.departments.add(world.dept_a)
    rec = published(world, "关于2024年学费收费标准的公示", items=[fees])
    published(world, "与收费无关的通知")
    response = client.get(reverse("portal:item", args=[world.institution.slug, "21"]))
    html = response.content.decode()
    assert "关于2024年学费收费标准的公示" in html and "与收费无关的通知" not in html
    assert "责任部门" in html and "党委宣传部" in html and "最近更新" in html
    assert reverse("portal:record", args=[world.institution.slug, rec.pk]) in html


def test_item_filters_by_department_year_and_channel(client, world):
    fees = item(world, 21)
    a = published(world, "宣传部的收费信息", items=[fees])
    b = published(world, "学生处的收费信息", items=[fees], drafter=world.drafter_b, department=world.dept_b)
    channel = Channel.objects.create(institution=world.institution, name="学校官网通知公告", kind="website")
    services.add_posting(world.drafter_a, a, channel, posted_on=a.published_at.date())
    url = reverse("portal:item", args=[world.institution.slug, "21"])

    def titles(**params):
        return [r.title for r in client.get(url, params).context["page"].object_list]

    assert sorted(titles()) == sorted([a.title, b.title])
    assert titles(department=world.dept_b.pk) == [b.title]
    assert titles(channel=channel.pk) == [a.title]
    assert titles(year=a.published_at.year - 1) == []
    assert sorted(titles(year=a.published_at.year)) == sorted([a.title, b.title])
    assert len(titles(department="abc", year="x")) == 2  # nonsense filters are ignored, not an error


def test_item_pages(client, world):
    bulk_published(world, 45, items=[item(world, 1)])
    url = reverse("portal:item", args=[world.institution.slug, "1"])
    first = client.get(url)
    assert len(first.context["page"].object_list) == 20
    assert "第 1 页，共 3 页" in first.content.decode()
    assert len(client.get(url, {"page": 3}).context["page"].object_list) == 5
    assert client.get(url, {"page": 99}).status_code == 200


def test_unknown_item_department_and_institution_are_404(client, world):
    slug = world.institution.slug
    assert client.get(reverse("portal:item", args=[slug, "999"])).status_code == 404
    assert client.get(reverse("portal:department", args=[slug, "nope"])).status_code == 404
    assert client.get(reverse("portal:home", args=["no-such-school"])).status_code == 404


def test_department_page_lists_its_records_and_items(client, world):
    item(world, 21).departments.add(world.dept_b)
    mine = published(world, "学生处发布的信息", drafter=world.drafter_b, department=world.dept_b)
    published(world, "宣传部发布的信息")
    html = client.get(reverse("portal:department", args=[world.institution.slug, world.dept_b.code])).content.decode()
    assert mine.title in html and "宣传部发布的信息" not in html
    assert reverse("portal:item", args=[world.institution.slug, "21"]) in html
    assert reverse("portal:department_feed", args=[world.institution.slug, world.dept_b.code]) in html
