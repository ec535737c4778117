"""`xxgk check --deploy` names every unsafe setting with its own id, and none for a safe production."""

from __future__ import annotations

import pytest
from django.core.checks import run_checks

GOOD_KEY = "k7Qm2v9XwL0pR4sT8uY1zA3bC6dE5fG" * 2


def xxgk_ids() -> set[str]:
    return {m.id for m in run_checks(include_deployment_checks=True) if m.id.startswith("xxgk.")}


@pytest.fixture
def production(settings):
    """What a well-configured deployment looks like."""
    settings.DEBUG = False
    settings.SECRET_KEY = GOOD_KEY
    settings.XXGK_SECRET_KEY_SOURCE = "environment"
    settings.ALLOWED_HOSTS = ["xxgk.hblg.edu.cn"]
    settings.DATABASES["default"]["ENGINE"] = "django.db.backends.postgresql"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/9"}
    }
    settings.XXGK_PUBLIC_RATE_LIMITS = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.XXGK_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.XXGK_SITE_URL = "https://xxgk.hblg.edu.cn"
    settings.XXGK_TWO_FACTOR = True
    settings.XXGK_BROKER_URL = "redis://127.0.0.1:6379/2"
    return settings


@pytest.fixture
def real_engine(settings):
    engine = settings.DATABASES["default"]["ENGINE"]
    yield
    settings.DATABASES["default"]["ENGINE"] = engine


def test_a_safe_production_has_no_xxgk_finding(real_engine, production):
    assert xxgk_ids() == set()


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"XXGK_SECRET_KEY_SOURCE": "missing"}, "xxgk.E001"),
        ({"SECRET_KEY": "dev-only-insecure-key-do-not-use-in-production"}, "xxgk.W001"),
        ({"SECRET_KEY": "short"}, "xxgk.W001"),
        ({"XXGK_SITE_URL": ""}, "xxgk.W008"),
        ({"SECRET_KEY": "ab" * 40}, "xxgk.W001"),
        ({"ALLOWED_HOSTS": ["*"], "XXGK_SITE_URL": ""}, {"xxgk.E002", "xxgk.W008"}),
        ({"DATABASES.ENGINE": "django.db.backends.sqlite3"}, "xxgk.W002"),
        ({"CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}}, "xxgk.W003"),
        ({"DEBUG": True}, "xxgk.W004"),
        ({"XXGK_PUBLIC_RATE_LIMITS": False}, "xxgk.W005"),
        ({"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}, "xxgk.W006"),
        ({"XXGK_TRUSTED_PROXIES": []}, "xxgk.W007"),
        ({"XXGK_TWO_FACTOR": False}, "xxgk.W019"),
        ({"XXGK_BROKER_URL": ""}, "xxgk.W020"),
        ({"XXGK_BROKER_URL": "redis://127.0.0.1:6379/9/"}, "xxgk.W020"),  # the cache's database
    ],
)
def test_each_unsafe_setting_is_named(real_engine, production, change, expected):
    for name, value in change.items():
        if name == "DATABASES.ENGINE":
            production.DATABASES["default"]["ENGINE"] = value
        else:
            setattr(production, name, value)
    assert xxgk_ids() == (expected if isinstance(expected, set) else {expected})


def test_a_site_url_makes_any_host_acceptable(real_engine, production):
    production.ALLOWED_HOSTS = ["*"]
    production.XXGK_SITE_URL = "https://xxgk.hblg.edu.cn"
    assert xxgk_ids() == set()
