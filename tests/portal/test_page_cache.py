"""Anonymous visitors get cached pages, yet a change shows at once; staff never get a cached page."""

from django.urls import reverse

from tests.portal.conftest import published
from xxgk.publishing import services


def test_a_withdrawn_record_leaves_the_cached_home_at_once(client, world, django_assert_max_num_queries):
    rec = published(world, "缓存测试的一条信息")
    url = reverse("portal:home", args=["hblg"])
    assert rec.title in client.get(url).content.decode()
    with django_assert_max_num_queries(1):  # served from the cache: only the data version is read
        assert rec.title in client.get(url).content.decode()
    services.withdraw(world.office, rec, reason="过期")
    assert rec.title not in client.get(url).content.decode()
    assert client.get(reverse("portal:record", args=["hblg", rec.pk])).status_code == 404


def test_office_settings_change_shows_on_the_guide_at_once(client, world):
    from xxgk.org.services import update_institution

    url = reverse("portal:guide", args=["hblg"])
    client.get(url)
    update_institution(world.office, world.institution, office_hours="周一至周五 8:00–17:30")
    assert "周一至周五 8:00–17:30" in client.get(url).content.decode()


def test_logged_in_pages_are_never_served_from_the_cache(client, world):
    url = reverse("portal:home", args=["hblg"])
    client.get(url)
    client.force_login(world.office)
    html = client.get(url).content.decode()
    assert "退出（office）" in html
    client.logout()
    assert "退出（office）" not in client.get(url).content.decode()


def test_languages_are_cached_apart(client, world):
    url = reverse("portal:guide", args=["hblg"])
    assert "信息公开指南" in client.get(url).content.decode()
    client.get("/i18n/language/en/", {"next": url})
    assert "Disclosure guide" in client.get(url).content.decode()


def test_a_record_page_is_the_same_for_every_visitor_and_its_stars_lead_to_the_rating_form(client, world):
    rec = published(world, "评议表单测试")
    url = reverse("portal:record", args=["hblg", rec.pk])
    first = client.get(url)
    second = client.__class__().get(url)
    assert first.content == second.content  # nothing per visitor: no CSRF token, no cookie
    assert "csrfmiddlewaretoken" not in first.content.decode() and not second.cookies
    rate = reverse("oversight:rate", args=["hblg", "record", rec.pk])
    assert f"{rate}?stars=4&amp;next=" in first.content.decode()
    form = client.get(rate, {"stars": "4", "next": url}).content.decode()
    assert 'value="4" required checked' in form or ('value="4"' in form and "checked" in form)
    assert "csrfmiddlewaretoken" in form and rec.title in form


def test_a_star_link_with_a_bad_value_just_shows_the_form(client, world):
    rec = published(world, "评议表单测试二")
    form = client.get(reverse("oversight:rate", args=["hblg", "record", rec.pk]), {"stars": "9"})
    assert form.status_code == 200 and "checked" not in form.content.decode()
