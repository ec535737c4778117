"""A CAPTCHA-free guard for the public forms, and per-visitor rate limits.

* a honeypot field people never see (bots fill it) — each form names its own;
* a signed timestamp token bound to the form it was issued for: a submit
  faster than a person could type, older than the form's life, or carrying
  another form's token is refused;
* per-visitor counters in Django's cache, keyed by a hash of the IP address.
  The default LocMem cache is per process: production sets REDIS_URL so the
  limits hold across app servers.
"""

from __future__ import annotations

import hashlib
import time

from django.core import signing
from django.core.cache import cache

SALT = "xxgk.public-form"


def make_token(scope: str, at: float | None = None) -> str:
    return signing.dumps({"t": time.time() if at is None else at, "s": scope}, salt=SALT)


def check_token(token: str, scope: str, *, min_seconds: float, max_age: float, now: float | None = None) -> str | None:
    """None when the token is good, else "invalid", "too_fast" or "expired"."""
    try:
        data = signing.loads(token or "", salt=SALT)
        issued, issued_for = float(data["t"]), data["s"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return "invalid"
    if issued_for != scope:
        return "invalid"
    age = (time.time() if now is None else now) - issued
    if age < min_seconds:
        return "too_fast"
    if age > max_age:
        return "expired"
    return None


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(kind: str, request) -> str:
    visitor = hashlib.sha256(client_ip(request).encode()).hexdigest()[:16]
    return f"xxgk:limit:{kind}:{visitor}"


def count(kind: str, request) -> int:
    return cache.get(_key(kind, request), 0)


def limited(kind: str, request, limit: int) -> bool:
    """True when this visitor already used up `limit` in the current window."""
    return count(kind, request) >= limit


def hit(kind: str, request, window: int = 3600) -> int:
    """Count one use; returns the count in the current window."""
    key = _key(kind, request)
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1
