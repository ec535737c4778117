"""OIDC configured by discovery alone (the provider's .well-known/openid-configuration), against the real
django-oauth-toolkit provider, in Chromium: the authorization request carries a PKCE S256 challenge; logging
out goes on to the end_session_endpoint the provider announced (RP-initiated logout), which ends its session.
The same for an institution's own OIDC provider (a province deployment), whose secret is read from the
environment variable it names."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.personas import build_world
from xxgk.accounts.models import Attribute, IdentityLink, IdentityProvider, MappingRule
from xxgk.org.models import Membership, Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERSON = {"password": "pw-e2002", "attributes": {"name": "李红", "groups": ["xxgk-drafters"]}}


@pytest.fixture
def world(oidc_server, settings, live_server):
    settings.OIDC_INSTITUTION = "hblg"
    world = build_world()
    for institution, department in ((world.institution, world.dept_a), (world.other_institution, None)):
        department = department or institution.departments.get()
        MappingRule.objects.create(
            institution=institution,
            attribute=Attribute.GROUP,
            value="xxgk-drafters",
            role=Role.DRAFTER,
            department=department,
        )
    oidc_server.set_people({"e2002": PERSON})
    return world


def discovery(server) -> str:
    return server.url + "/o/.well-known/openid-configuration/"


def sign_in(page, base, start, username="e2002", password="pw-e2002") -> list[str]:
    """Signs in from `start`; returns the addresses of the authorization requests the browser made."""
    asked = []
    page.on("request", lambda r: asked.append(r.url) if "/o/authorize/" in r.url else None)
    page.goto(base + start)
    if page.url.startswith(f"{base}/accounts/login/"):
        page.get_by_role("link", name="统一身份认证登录").click()
    page.wait_for_selector("#login_form")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("#login_form button[type=submit]")
    page.wait_for_url(f"{base}/**")
    return asked


def logs_out_of_both(page, base, server):
    page.get_by_role("button", name="退出").first.click()
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/staff/")
    assert "/accounts/login/" in page.url
    page.goto(f"{server.url}/o/authorize/?client_id=xxgk&response_type=code&scope=openid")
    assert page.locator("#login_form").count() == 1  # the provider asks for the password again


def test_deployment_provider_by_discovery_with_pkce(world, oidc_server, settings, new_page, live_server):
    settings.OIDC_RP_CLIENT_ID = "xxgk"
    settings.OIDC_RP_CLIENT_SECRET = "xxgk-secret"
    settings.OIDC_OP_DISCOVERY_URL = discovery(oidc_server)  # and no endpoint named
    page = new_page()
    asked = sign_in(page, live_server.url, "/accounts/login/")
    assert page.url == f"{live_server.url}/staff/"
    query = parse_qs(urlsplit(asked[0]).query)
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) == 43
    link = IdentityLink.objects.get(provider="oidc", subject="e2002")
    assert link.institution == world.institution
    logs_out_of_both(page, live_server.url, oidc_server)


def _school_provider(world, oidc_server, monkeypatch, secret: str) -> None:
    """山城师范学院's own OIDC provider, its client secret in the environment variable the row names."""
    monkeypatch.setenv("SCSF_OIDC_SECRET", secret)
    IdentityProvider.objects.create(
        institution=world.other_institution,
        kind="oidc",
        server_url=discovery(oidc_server),
        client_id="xxgk",
        secret_variable="SCSF_OIDC_SECRET",
    )


def test_an_institutions_own_oidc_provider(world, oidc_server, monkeypatch, new_page, live_server):
    _school_provider(world, oidc_server, monkeypatch, "xxgk-secret")
    page = new_page()
    asked = sign_in(page, live_server.url, "/accounts/login/?institution=scsf")
    assert page.url == f"{live_server.url}/staff/"
    assert parse_qs(urlsplit(asked[0]).query)["code_challenge_method"] == ["S256"]
    link = IdentityLink.objects.get(provider="oidc:scsf", subject="e2002")
    assert link.institution == world.other_institution
    assert set(Membership.objects.filter(user=link.user).values_list("role", "institution")) == {
        (Role.DRAFTER, world.other_institution.pk)
    }
    logs_out_of_both(page, live_server.url, oidc_server)


def test_a_wrong_secret_in_the_environment_is_a_failed_sign_in(world, oidc_server, monkeypatch, new_page, live_server):
    _school_provider(world, oidc_server, monkeypatch, "not-the-secret")
    page = new_page()
    sign_in(page, live_server.url, "/accounts/login/?institution=scsf")
    assert page.url.startswith(f"{live_server.url}/accounts/sso-failed/")
    assert not IdentityLink.objects.exists()
