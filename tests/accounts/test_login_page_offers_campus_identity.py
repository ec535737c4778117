"""The staff login page offers 统一身份认证登录 when CAS is configured, can send staff straight there
(the local form staying at ?local=1), and keeps `next` on this site."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

LOGIN = "/accounts/login/"


@pytest.fixture
def cas(settings):
    settings.CAS_SERVER_URL = "https://cas.hblg.edu.cn/cas/"
    return settings


def test_without_a_provider_only_the_local_form(client, db):
    page = client.get(LOGIN).content.decode()
    assert "统一身份认证登录" not in page and 'name="password"' in page
    assert re.search(r'<input[^>]*name="username"[^>]*autofocus', page)


def test_the_folded_local_form_does_not_take_the_focus(client, db, cas):
    page = client.get(LOGIN).content.decode()
    assert "<details" in page and "autofocus" not in page


def test_with_cas_the_page_offers_it_before_the_local_form(client, db, cas):
    page = client.get(LOGIN, {"next": "/staff/records/"}).content.decode()
    assert 'id="sso-cas"' in page and "统一身份认证登录" in page
    assert page.index("统一身份认证登录") < page.index('name="password"')
    assert "next=%2Faccounts%2Fwelcome%2F%3Fnext%3D%252Fstaff%252Frecords%252F" in page


def test_the_cas_link_leads_to_the_cas_server_with_the_service(client, db, cas):
    response = client.get("/accounts/cas/login/", {"next": "/accounts/welcome/"})
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == "https://cas.hblg.edu.cn/cas/login"
    service = parse_qs(target.query)["service"][0]
    assert service == "http://testserver/accounts/cas/login/?next=%2Faccounts%2Fwelcome%2F"


def test_straight_to_cas_when_set_and_local_form_on_request(client, db, cas):
    cas.XXGK_SSO_DIRECT = True
    response = client.get(LOGIN)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/cas/login/?next=")
    assert 'name="password"' in client.get(LOGIN, {"local": "1"}).content.decode()


def test_a_next_off_the_site_is_dropped(client, db, cas):
    page = client.get(LOGIN, {"next": "https://evil.example/"}).content.decode()
    link = re.search(r'id="sso-cas" href="([^"]*)"', page).group(1)
    assert "evil" not in link and 'name="next" value=""' in page
    response = client.get("/accounts/cas/login/", {"next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/cas/login/"


def test_cas_pages_are_not_found_without_cas(client, db):
    assert client.get("/accounts/cas/login/").status_code == 404
    assert client.get("/accounts/oidc/login/").status_code == 404
    assert client.get("/accounts/oidc/callback/").status_code == 404


def test_the_oidc_request_uses_pkce_state_and_nonce(client, db, settings):
    settings.OIDC_RP_CLIENT_ID = "xxgk"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://id.hblg.edu.cn/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://id.hblg.edu.cn/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://id.hblg.edu.cn/userinfo"
    page = client.get(LOGIN).content.decode()
    assert 'id="sso-oidc"' in page and "统一身份认证登录" in page
    response = client.get("/accounts/oidc/login/", {"next": "/accounts/welcome/"})
    target = urlsplit(response["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == "https://id.hblg.edu.cn/authorize"
    query = parse_qs(target.query)
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert query["state"] and query["nonce"] and query["response_type"] == ["code"]
    assert query["redirect_uri"] == ["http://testserver/accounts/oidc/callback/"]


@pytest.fixture
def schools(world):
    from xxgk.accounts.models import IdentityProvider

    IdentityProvider.objects.create(
        institution=world.institution, kind="cas", server_url="https://cas.hblg.edu.cn/cas/"
    )
    IdentityProvider.objects.create(
        institution=world.other_institution,
        kind="oidc",
        label="山城师院统一身份认证",
        server_url="https://sso.scsf.edu.cn/.well-known/openid-configuration",
        client_id="xxgk",
    )
    return world


def test_a_province_page_offers_each_school(client, schools):
    page = client.get(LOGIN, {"next": "/staff/records/"}).content.decode()
    links = re.findall(r'<a class="button" id="sso-school-(\w+)" href="([^"]+)">([^<]+)</a>', page)
    assert [(key, label) for key, _url, label in links] == [
        ("scsf", "山城师院统一身份认证"),
        ("hblg", "海滨理工大学 统一身份认证"),
    ]
    assert links[1][1].startswith("/accounts/cas/hblg/login/?next=%2Faccounts%2Fwelcome%2F%3Fnext%3D%252Fstaff")
    assert links[0][1].startswith("/accounts/oidc/scsf/login/?next=")


def test_institution_in_the_address_goes_straight_to_that_school(client, schools):
    response = client.get(LOGIN, {"institution": "hblg"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/cas/hblg/login/")
    target = urlsplit(client.get(response["Location"])["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == "https://cas.hblg.edu.cn/cas/login"
    unknown = client.get(LOGIN, {"institution": "nope"})
    assert unknown.status_code == 200 and unknown.content.decode().count('id="sso-school-') == 2
    assert client.get(LOGIN, {"institution": "hblg", "local": "1"}).status_code == 200  # the local form stays


def test_a_switched_off_school_is_neither_offered_nor_reachable(client, schools):
    schools.institution.identity_provider.enabled = False
    schools.institution.identity_provider.save()
    assert 'id="sso-school-hblg"' not in client.get(LOGIN).content.decode()
    assert client.get("/accounts/cas/hblg/login/").status_code == 404
