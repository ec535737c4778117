"""The deployment page, an institution's home, its guide and its annual reports."""

from django.urls import reverse

from tests.portal.conftest import item, published
from xxgk.org.models import Institution


def test_deployment_page_lists_the_hosted_institutions(client, world):
    html = client.get(reverse("portal:deployment")).content.decode()
    assert "海滨理工大学" in html and "山城师范学院" in html
    assert reverse("portal:home", args=["hblg"]) in html


def test_home_shows_latest_categories_and_links(client, world):
    published(world, "最新发布的一条信息", items=[item(world, 21)])
    html = client.get(reverse("portal:home", args=["hblg"])).content.decode()
    assert "最新发布的一条信息" in html
    assert html.count('href="/hblg/catalog/#cat-') == 10
    for name in ("guide", "annual_reports", "catalog", "feed"):
        assert reverse(f"portal:{name}", args=["hblg"]) in html
    assert "0898-66660000" in html


def test_guide_is_generated_from_settings_and_rules(client, world):
    Institution.objects.filter(pk=world.institution.pk).update(
        address="海南省三亚市育才路1号", office_hours="工作日 8:00–12:00，14:30–17:30", postcode="572022"
    )
    html = client.get(reverse("portal:guide", args=["hblg"])).content.decode()
    assert "海滨理工大学信息公开指南" in html
    for fact in (
        "党政办公室",
        "海南省三亚市育才路1号",
        "572022",
        "工作日 8:00–12:00",
        "0898-66660000",
        "xxgk@hblg.edu.cn",
    ):
        assert fact in html
    assert "15 个工作日内答复" in html and "不超过 15 个工作日" in html  # the university preset
    assert "20 个工作日内予以公开" in html  # the institution's timeliness rule
    assert "招生考试信息" in html or "招生" in html  # the categories, as the scope


def test_annual_reports_are_the_records_of_item_6(client, world):
    report = published(world, "海滨理工大学2022—2023学年信息公开工作年度报告", items=[item(world, 6)])
    published(world, "其他通知", items=[item(world, 5)])
    html = client.get(reverse("portal:annual_reports", args=["hblg"])).content.decode()
    assert report.title in html and "其他通知" not in html
