"""The feed and the sitemap never carry the Host a visitor sent.

With ALLOWED_HOSTS = ['*'] any Host header reaches the site. Without XXGK_SITE_URL the page cache
keys each page on the scheme and host it was built for, so one visitor's Host never reaches another;
with XXGK_SITE_URL every absolute URL is built from it and the Host plays no part at all.
"""

import pytest
from django.urls import reverse

from tests.portal.conftest import item, published

EVIL = "evil.example"
REAL = "xxgk.hblg.edu.cn"


@pytest.fixture
def any_host(settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.XXGK_PORTAL_CACHE_SECONDS = 300


@pytest.mark.parametrize("name", ["feed", "sitemap"])
def test_an_attackers_host_is_not_cached_for_the_next_visitor(client, world, any_host, name):
    published(world, "招生章程")
    url = reverse("portal:feed", args=[world.institution.slug]) if name == "feed" else reverse("portal:sitemap")
    poisoned = client.get(url, HTTP_HOST=EVIL)
    assert poisoned.status_code == 200 and EVIL in poisoned.content.decode()
    page = client.get(url, HTTP_HOST=REAL).content.decode()
    assert EVIL not in page and f"http://{REAL}/" in page


@pytest.mark.parametrize("name", ["feed", "item_feed", "department_feed", "sitemap", "sitemap_section"])
def test_with_a_site_url_every_absolute_url_is_built_from_it(client, world, any_host, settings, name):
    settings.XXGK_SITE_URL = "https://xxgk.hblg.edu.cn"
    record = published(world, "招生章程", items=[item(world, 9)])
    slug = world.institution.slug
    url = {
        "feed": reverse("portal:feed", args=[slug]),
        "item_feed": reverse("portal:item_feed", args=[slug, "9"]),
        "department_feed": reverse("portal:department_feed", args=[slug, record.department.code]),
        "sitemap": reverse("portal:sitemap"),
        "sitemap_section": reverse("portal:sitemap_section", args=["records"]),
    }[name]
    page = client.get(url, HTTP_HOST=EVIL).content.decode()
    assert EVIL not in page
    assert "https://xxgk.hblg.edu.cn/" in page and "http://xxgk.hblg.edu.cn" not in page
    assert client.get(url, HTTP_HOST="10.0.0.5").content.decode() == page  # the same page for every Host


def test_staff_report_links_use_the_site_url(settings):
    from django.test import RequestFactory

    from xxgk.core.site import site_origin

    request = RequestFactory().get("/", HTTP_HOST=EVIL)
    settings.ALLOWED_HOSTS = ["*"]
    assert site_origin(request) == f"http://{EVIL}"
    settings.XXGK_SITE_URL = "https://xxgk.hblg.edu.cn"
    assert site_origin(request) == "https://xxgk.hblg.edu.cn"
