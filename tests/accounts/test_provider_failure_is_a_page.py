"""A ticket the CAS server refuses, or a CAS server that cannot be reached, is a failed sign-in page,
never an error; nobody is signed in."""

from __future__ import annotations

import pytest

from tests.accounts.servers.process import free_port


@pytest.fixture
def unreachable_cas(settings, db):
    settings.CAS_SERVER_URL = f"http://127.0.0.1:{free_port()}/cas/"  # nothing listens there


def test_unreachable_cas_server(client, unreachable_cas):
    response = client.get("/accounts/cas/login/", {"ticket": "ST-1-forged", "next": "/accounts/welcome/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/sso-failed/"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "统一身份认证登录未成功" in page


def test_refused_ticket_at_a_real_cas_server(client, db, settings, cas_server):
    settings.CAS_SERVER_URL = cas_server.url + "/cas/"
    response = client.get("/accounts/cas/login/", {"ticket": "ST-1-forged"})
    assert response.status_code == 302 and response["Location"] == "/accounts/sso-failed/"
    assert "_auth_user_id" not in client.session


def test_unreachable_oidc_provider(client, db, settings):
    dead = f"http://127.0.0.1:{free_port()}"
    settings.OIDC_RP_CLIENT_ID = "xxgk"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = dead + "/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = dead + "/token"
    settings.OIDC_OP_USER_ENDPOINT = dead + "/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = dead + "/jwks"
    client.get("/accounts/oidc/login/")
    state = next(iter(client.session["oidc_states"]))
    response = client.get("/accounts/oidc/callback/", {"code": "forged", "state": state})
    assert response.status_code == 302 and response["Location"] == "/accounts/sso-failed/"
    assert "_auth_user_id" not in client.session
    unknown = client.get("/accounts/oidc/callback/", {"code": "forged", "state": "not-ours"})
    assert unknown.status_code == 400
