"""Playwright driving Debian's Chromium (never a downloaded browser)."""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.test import override_settings

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; the live server's
# database work happens in its own thread, and test set-up is synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def launch_chromium():
    """Debian's Chromium through Playwright (sync API). One Playwright per test session: a second one
    started while another is alive in the same thread fails ("Sync API inside the asyncio loop"), so the
    session-wide `browser` fixture lives in tests/conftest.py and everything that drives Chromium uses it."""
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (installs Debian's chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    yield from _pages(browser)


def _pages(browser):
    contexts = []

    def make(**kwargs):
        context = browser.new_context(locale="zh-CN", **kwargs)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        return page

    yield make
    for context in contexts:
        context.close()


def login(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-" + username)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/staff/")


@dataclass(frozen=True)
class Site:
    url: str
    browser: object


@contextmanager
def live_server_over(django_db_blocker, *loaders, **settings):
    """A live server and a browser over data loaded once and committed, for a module of browser tests that
    only read it (the module's `site` fixture; its tests take pages from `site_page`).

    pytest-django's `live_server` makes every test transactional, and each such test empties the database
    when it ends; data as slow to load as the demo would be loaded again for every test. Here `loaders`
    run once, their data is committed and a server of its own serves it, one request at a time (sharing
    SQLite's in-memory connection as pytest-django does; a page's charts fetched at once must not use it
    from several threads). When the module is done the database is emptied and given back what it held
    before (the migrations' data the later tests expect). The module's tests are marked `django_db`, not
    transactional: each runs in a transaction rolled back at its end, which the committed data outlives.

    The module has a Playwright of its own, stopped at its end: code that runs while Playwright's sync API
    is started runs in another context, whose database connections are not the session's; they are
    closed before it stops, so none is left open when the test database is dropped.
    """
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.management import call_command
    from django.core.servers.basehttp import WSGIServer
    from django.db import connection, connections
    from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
    from playwright.sync_api import sync_playwright

    class OneRequestAtATime(LiveServerThread):
        def _create_server(self, connections_override=None):
            return WSGIServer((self.host, self.port), QuietWSGIRequestHandler, allow_reuse_address=False)

    with sync_playwright() as playwright, django_db_blocker.unblock(), override_settings(**settings):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        before = connection.creation.serialize_db_to_string()
        try:
            for load in loaders:
                load()
            shared = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
            for shared_connection in shared.values():
                shared_connection.inc_thread_sharing()
            server = OneRequestAtATime("localhost", StaticFilesHandler, connections_override=shared)
            server.daemon = True
            server.start()
            server.is_ready.wait()
            try:
                if server.error:
                    raise server.error
                yield Site(f"http://localhost:{server.port}", browser)
            finally:
                server.terminate()
                for shared_connection in shared.values():
                    shared_connection.dec_thread_sharing()
        finally:
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            from xxgk.portal.apps import drop_orphan_index

            drop_orphan_index(None)  # a flush without post_migrate leaves the full-text table full
            connection.creation.deserialize_db_from_string(before)
            connections.close_all()
            browser.close()


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return str(tmp_path_factory.mktemp("media"))


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, demo_media):
    """The whole demo, loaded once for a module and served by `live_server_over`: a module returns it from
    its `site` fixture and marks its tests `usefixtures("demo_files")`."""
    from xxgk.demo.loader import load_demo

    with live_server_over(django_db_blocker, load_demo, MEDIA_ROOT=demo_media) as served:
        yield served


@pytest.fixture
def demo_files(demo_site, demo_media, settings):
    settings.MEDIA_ROOT = demo_media  # the files the demo wrote, not the test's empty folder


@pytest.fixture
def site_page(site):
    """`new_page` for a module served by `live_server_over` (its `site` fixture)."""
    yield from _pages(site.browser)
