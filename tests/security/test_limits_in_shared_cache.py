"""The per-visitor counters on a real Redis: atomic under concurrency, shared by every process,
keyed by the visitor behind the proxy and by an IPv6 address's /64."""

from __future__ import annotations

import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from tests.services import redis_answers
from xxgk.core import spam

ROOT = Path(__file__).resolve().parents[2]


pytestmark = pytest.mark.skipif(not redis_answers(), reason="no Redis answering at 127.0.0.1:6379")


@pytest.fixture
def redis_cache(settings):
    """The default cache on Redis database 15, under a prefix of its own, as with REDIS_URL."""
    prefix = f"xxgk-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": prefix,
        }
    }
    cache.clear()
    yield prefix
    cache.clear()


def visitor(ip="198.51.100.1"):
    return RequestFactory().post("/", REMOTE_ADDR=ip)


def test_concurrent_takes_never_pass_the_limit(redis_cache):
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(lambda _: spam.take("test:submit", visitor(), 5), range(64)))
    assert answers.count(True) == 5
    assert spam.count("test:submit", visitor()) == 64
    assert spam.take("test:submit", visitor("198.51.100.2"), 5)


OTHER_PROCESS = """
import sys
import django
from django.conf import settings
settings.CACHES["default"]["KEY_PREFIX"] = sys.argv[1]
django.setup()
from django.test import RequestFactory
from xxgk.core import spam
print(spam.hit("test:shared", RequestFactory().post("/", REMOTE_ADDR="198.51.100.1")))
"""


def test_the_count_is_shared_with_another_process(redis_cache, tmp_path):
    for _ in range(3):
        spam.hit("test:shared", visitor())
    env = {
        "DJANGO_SETTINGS_MODULE": "xxgk.settings",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "XXGK_DEV": "1",
        "XXGK_VAR_DIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(
        [sys.executable, "-c", OTHER_PROCESS, redis_cache],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "4"
    assert spam.count("test:shared", visitor()) == 4


def test_visitors_behind_the_proxy_count_apart(redis_cache, settings):
    settings.XXGK_TRUSTED_PROXIES = ["127.0.0.1"]
    alice = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    bob = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    for _ in range(3):
        spam.hit("test:write", alice)
    assert spam.limited("test:write", alice, 3) and not spam.limited("test:write", bob, 3)


def test_an_ipv6_network_counts_as_one_visitor(redis_cache):
    spam.hit("test:v6", visitor("2001:db8:1:2::1"))
    spam.hit("test:v6", visitor("2001:db8:1:2:ffff::9"))
    assert spam.count("test:v6", visitor("2001:db8:1:2::77")) == 2
    assert spam.count("test:v6", visitor("2001:db8:1:3::1")) == 0


def test_limits_off_count_nothing_and_refuse_nothing(redis_cache, settings):
    settings.XXGK_PUBLIC_RATE_LIMITS = False
    assert all(spam.take("test:off", visitor(), 1) for _ in range(5))
    assert not spam.limited("test:off", visitor(), 1)
    assert spam.count("test:off", visitor()) == 0
