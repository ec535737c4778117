"""The sign-in URLs, with CAS and OIDC configured to providers that do not answer, walked as anonymous
and as a signed-in person with hostile parameters (forged tickets and codes, foreign `next`, garbage
logout requests): none answers 5xx, and none sends the browser off the site except to the provider."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.test import Client

from tests.accounts.servers.process import free_port

URLS = [
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/cas/login/",
    "/accounts/oidc/login/",
    "/accounts/oidc/callback/",
    "/accounts/welcome/",
    "/accounts/waiting/",
    "/accounts/sso-failed/",
    "/accounts/cas/hblg/login/",  # an institution's own CAS server
    "/accounts/oidc/scsf/login/",  # an institution's own OIDC provider
    "/accounts/cas/nope/login/",
    "/accounts/oidc/hblg/login/",  # hblg's provider is CAS
]
HOSTILE = [
    {},
    {"next": "https://evil.example/"},
    {"next": "//evil.example/x", "local": "1"},
    {"ticket": "ST-forged", "next": "/staff/"},
    {"ticket": "\x00" * 3},
    {"code": "x", "state": "y"},
    {"institution": "scsf"},
    {"institution": "\x00" * 70},
    {"error": "access_denied", "state": "y"},
    {"logoutRequest": "<not xml"},
    {
        "logoutRequest": '<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><samlp:SessionIndex>ST-1</samlp:SessionIndex></samlp:LogoutRequest>'
    },
]


@pytest.fixture
def dead_providers(settings):
    dead = f"http://127.0.0.1:{free_port()}"
    settings.CAS_SERVER_URL = dead + "/cas/"
    settings.OIDC_RP_CLIENT_ID = "xxgk"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = dead + "/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = dead + "/token"
    settings.OIDC_OP_USER_ENDPOINT = dead + "/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = dead + "/jwks"
    settings.OIDC_OP_LOGOUT_ENDPOINT = dead + "/logout"
    settings.XXGK_PUBLIC_RATE_LIMITS = False
    return dead


@pytest.fixture
def dead_institution_providers(world, dead_providers):
    from xxgk.accounts.models import IdentityProvider

    IdentityProvider.objects.create(institution=world.institution, kind="cas", server_url=dead_providers + "/cas/")
    IdentityProvider.objects.create(
        institution=world.other_institution,
        kind="oidc",
        server_url=dead_providers + "/.well-known/openid-configuration",
        client_id="xxgk",
    )
    return dead_providers


@pytest.mark.parametrize("who", [None, "office", "nobody"])
def test_no_sign_in_url_answers_5xx_or_leaves_the_site(world, dead_institution_providers, who):
    dead_providers = dead_institution_providers
    failures = []
    for url in URLS:
        for params in HOSTILE:
            client = Client(raise_request_exception=False)
            if who:
                client.force_login(world.people[who])
            for method in (client.get, client.post):
                response = method(url, params)
                name = f"{method.__name__.upper()} {url} {params}"
                if response.status_code >= 500:
                    failures.append(f"{name} → {response.status_code}")
                location = response.get("Location", "")
                host = urlsplit(location).netloc
                if host and host != "testserver" and not dead_providers.endswith(host):
                    failures.append(f"{name} → {location}")
    assert not failures, "\n".join(failures)
