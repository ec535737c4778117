"""Every public page answers 200 for a visitor and shows the record it should."""

from django.urls import reverse

from tests.portal.conftest import item, published


def test_every_public_page_answers(client, world):
    rec = published(world, "关于公布2024年本科招生章程的通知", items=[item(world, 9)])
    slug = world.institution.slug
    urls = [
        reverse("portal:deployment"),
        reverse("portal:home", args=[slug]),
        reverse("portal:catalog", args=[slug]),
        reverse("portal:item", args=[slug, "9"]),
        reverse("portal:record", args=[slug, rec.pk]),
        reverse("portal:departments", args=[slug]),
        reverse("portal:department", args=[slug, world.dept_a.code]),
        reverse("portal:guide", args=[slug]),
        reverse("portal:annual_reports", args=[slug]),
        reverse("portal:search", args=[slug]) + "?q=招生章程",
        reverse("portal:feed", args=[slug]),
        reverse("portal:item_feed", args=[slug, "9"]),
        reverse("portal:department_feed", args=[slug, "xcb"]),
        reverse("portal:sitemap"),
        "/sitemap-records.xml",
        "/sitemap-pages.xml",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
