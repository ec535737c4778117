"""The test identity providers, each a real server in its own process on a loopback port: a CAS server
(django-cas-server) and an OpenID Connect provider (django-oauth-toolkit)."""

from __future__ import annotations

import pytest

from tests.accounts.servers import process
from tests.browser.conftest import browser, new_page  # noqa: F401  (Chromium through Playwright)


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
