"""The test identity providers, each a real server in its own process on a loopback port: a CAS server
(django-cas-server) and an OpenID Connect provider (django-oauth-toolkit)."""

from __future__ import annotations

import pytest

from tests.accounts.servers import process
from tests.browser.conftest import new_page  # noqa: F401  (Chromium through Playwright; `browser` is the session's, tests/conftest.py)


@pytest.fixture(scope="module")
def cas_server(tmp_path_factory):
    server = process.start(
        "tests.accounts.servers.cas_settings",
        "tests.accounts.servers.cas_setup",
        tmp_path_factory.mktemp("cas"),
        "/cas/login",
    )
    yield server
    process.stop(server)


@pytest.fixture(scope="module")
def second_cas_server(tmp_path_factory):
    """Another institution's CAS server (a province deployment), on its own port with its own cookies."""
    server = process.start(
        "tests.accounts.servers.cas_settings",
        "tests.accounts.servers.cas_setup",
        tmp_path_factory.mktemp("cas2"),
        "/cas/login",
        TEST_COOKIE_PREFIX="cas2",
    )
    yield server
    process.stop(server)


@pytest.fixture(scope="module")
def oidc_server(tmp_path_factory, live_server):
    """The provider knows xxgk's callback and logout return addresses, so it starts once the live server has."""
    server = process.start(
        "tests.accounts.servers.oidc_settings",
        "tests.accounts.servers.oidc_setup",
        tmp_path_factory.mktemp("oidc"),
        "/o/.well-known/openid-configuration/",
        TEST_RP_URL=live_server.url,
    )
    yield server
    process.stop(server)


def use_oidc(settings, server) -> None:
    """Point xxgk at the test provider, as a deployment's environment would (README)."""
    op = server.url + "/o"
    settings.OIDC_RP_CLIENT_ID = "xxgk"
    settings.OIDC_RP_CLIENT_SECRET = "xxgk-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = op + "/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = op + "/token/"
    settings.OIDC_OP_USER_ENDPOINT = op + "/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = op + "/.well-known/jwks.json"
    settings.OIDC_OP_LOGOUT_ENDPOINT = op + "/logout/"
