"""Each demo role signs in to the workbench in Chromium, reads the staff menu and opens every link in it:
none answers 403, 404 or 500. A page the role cannot use answers 403 and names who can help: the
institution's office administrators and its contact, never the refused person or someone of the same role."""

from __future__ import annotations

from functools import partial

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.browser.conftest import live_server_over
from xxgk.demo.loader import PASSWORD
from xxgk.org.models import Institution

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

ROLES = [
    "hntou-drafter",
    "hntou-checker",
    "hntou-office-checker",
    "hntou-secrecy",
    "hntou-signer",
    "hntou-office",
    "province-supervisor",
]


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    from xxgk.demo.loader import load_demo

    media = str(tmp_path_factory.mktemp("media"))
    with live_server_over(django_db_blocker, partial(load_demo, annual_reports=False), MEDIA_ROOT=media) as served:
        yield served


def _sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/staff/")


def _menu(page) -> dict[str, str]:
    links = page.locator("nav.menu a")
    return {
        links.nth(i).inner_text().split("\n")[0].strip().rstrip("0123456789 "): links.nth(i).get_attribute("href")
        for i in range(links.count())
    }


@pytest.mark.parametrize("username", ROLES)
def test_every_tab_opens_and_a_refusal_names_who_can_help(site, site_page, username):
    page = site_page()
    _sign_in(page, site.url, username)
    menu = _menu(page)
    assert "我的待办" in menu
    answers = {label: page.goto(site.url + href).status for label, href in menu.items()}
    assert {label: status for label, status in answers.items() if status != 200} == {}

    refused = next(
        url for url in (reverse("workbench:catalog"), reverse("reporting_staff:supervisor")) if url not in menu.values()
    )
    response = page.goto(site.url + refused)
    assert response.status == 403
    text = page.locator("main").inner_text()
    user = get_user_model().objects.get(username=username)
    institutions = Institution.objects.filter(slug="hntou") if username.startswith("hntou") else Institution.objects
    helpers = text.split("如需办理请联系", 1)[1]
    for institution in institutions.all():
        assert institution.name in helpers and institution.phone in helpers and institution.email in helpers
        admin = get_user_model().objects.get(username=f"{institution.slug}-office")
        if admin != user:  # the office administrators, but never the refused person
            assert admin.first_name in helpers
    assert user.first_name not in helpers
