"""Chinese 404 and 500 pages; a language switch; the larger-text toggle is on every public page."""

from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests.portal.conftest import published


def test_404_is_chinese_and_helpful(client, world, settings):
    settings.DEBUG = False
    response = client.get("/hblg/records/987654/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in html and "撤回" in html and 'lang="zh-hans"' in html


def test_500_is_chinese():
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "服务器出现错误" in html and "返回首页" in html


def test_language_switch_to_english(client, world):
    published(world, "语言切换测试")
    home = client.get(reverse("portal:home", args=["hblg"])).content.decode()
    assert 'href="/i18n/language/en/?next=/hblg/"' in home
    response = client.get("/i18n/language/en/", {"next": "/hblg/"})
    assert response.status_code == 302 and response["Location"] == "/hblg/"
    english = client.get("/hblg/").content.decode()
    assert 'lang="en"' in english
    assert "Disclosure guide" in english  # the portal templates are translated


def test_every_page_offers_the_larger_text_mode_and_skip_link(client, world):
    html = client.get(reverse("portal:home", args=["hblg"])).content.decode()
    assert 'id="large-text"' in html and "aria-pressed" in html
    assert 'class="skip" href="#main"' in html and '<main id="main"' in html


def test_language_switch_refuses_foreign_redirects(client, world):
    response = client.get("/i18n/language/en/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"
    response = client.get("/i18n/language/xx/", {"next": "/hblg/"})
    assert "django_language" not in response.cookies
