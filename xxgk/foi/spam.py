"""A CAPTCHA-free spam guard for the public form, and rate limits.

* a honeypot field people never see (bots fill it);
* a signed timestamp token: a submit faster than FOI_MIN_FORM_SECONDS (3 s) or
  older than FOI_MAX_FORM_AGE (a day) is refused;
* per-IP limits kept in Django's cache. The default LocMem cache is per process:
  in production configure a shared cache (Redis) so the limits hold across servers.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

SALT = "xxgk.foi.form"
HONEYPOT = "website"


def _setting(name: str, default):
    return getattr(settings, name, default)


def make_token(at: float | None = None) -> str:
    return signing.dumps({"t": at if at is not None else time.time()}, salt=SALT)


def check_token(token: str, now: float | None = None) -> str | None:
    """None when fine, else "invalid", "too_fast" or "expired"."""
    try:
        t = float(signing.loads(token or "", salt=SALT)["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return "invalid"
    age = (now if now is not None else time.time()) - t
    if age < _setting("FOI_MIN_FORM_SECONDS", 3):
        return "too_fast"
    if age > _setting("FOI_MAX_FORM_AGE", 24 * 3600):
        return "expired"
    return None


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(kind: str, ip: str) -> str:
    return f"xxgk:foi:{kind}:{ip}"


def limited(kind: str, request, limit: int) -> bool:
    """True when this IP already used up `limit` within the hour."""
    return cache.get(_key(kind, client_ip(request)), 0) >= limit


def hit(kind: str, request, window: int = 3600) -> None:
    key = _key(kind, client_ip(request))
    if cache.add(key, 1, window):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, window)


def submit_limit() -> int:
    return _setting("FOI_SUBMITS_PER_HOUR", 5)


def lookup_failure_limit() -> int:
    return _setting("FOI_LOOKUP_FAILURES_PER_HOUR", 10)
