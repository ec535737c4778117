from __future__ import annotations

from pathlib import Path

import pytest
from django.test import override_settings

from tests.personas import build_world

SEEDS = Path(__file__).parent / "seeds"


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Tests create many users: MD5 instead of the deliberately slow production hasher, for the whole session
    (the live server of the browser tests and the demo loaded once per module included)."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def _no_second_factor():
    """Tests sign office administrators in without a TOTP code (tests/accounts/test_two_factor_for_the_powerful.py
    turns XXGK_TWO_FACTOR on for itself)."""
    with override_settings(XXGK_TWO_FACTOR=False):
        yield


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a throw-away directory, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Every test starts and ends with empty caches: rate limits, lockouts and cached pages of one test
    (ids are reused after a rolled-back test, and so would the data version be) never reach the next."""
    from django.core.cache import cache

    from xxgk.portal import cache as portal_cache

    cache.clear()
    portal_cache.clear()
    yield
    cache.clear()
    portal_cache.clear()


@pytest.fixture(autouse=True)
def _jobs_run_after_commit(settings):
    """Background jobs run in the process that queued them, right after its transaction commits (as a
    one-process set-up without a worker does), unless a test drives the queue itself (`queued_jobs`)."""
    settings.XXGK_JOBS_IMMEDIATE = True


@pytest.fixture
def queued_jobs(settings, monkeypatch):
    """Jobs stay queued until the test runs them: `queued_jobs.run()` runs every due job with a worker
    (step by step, in this process) and returns them. The messages that would go to the broker are kept
    in `queued_jobs.published` ((job id, eta) each) instead."""
    from xxgk.jobs import celery_app
    from xxgk.jobs.worker import Worker

    settings.XXGK_JOBS_IMMEDIATE = False
    worker = Worker("test-worker", scheduler=False)
    worker.run = lambda: worker.run_until_idle()
    worker.published = []
    monkeypatch.setattr(celery_app, "publish", lambda pk, eta=None: worker.published.append((pk, eta)))
    return worker


@pytest.fixture
def world(db):
    """The personas of tests/personas.py."""
    return build_world()


@pytest.fixture
def seeds_dir() -> Path:
    """The two real 2022–2023 annual reports (海南热带海洋学院, 泉州海洋职业学院)."""
    return SEEDS


@pytest.fixture(scope="session")
def browser():
    """The one Chromium of the test session (tests/browser/conftest.py `launch_chromium`)."""
    from tests.browser.conftest import launch_chromium

    yield from launch_chromium()
