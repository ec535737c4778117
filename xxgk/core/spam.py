"""A CAPTCHA-free guard for the public forms, and per-visitor rate limits.

* a honeypot field people never see (bots fill it) — each form names its own;
* a signed timestamp token bound to the form it was issued for: a submit
  faster than a person could type, older than the form's life, or carrying
  another form's token is refused;
* per-visitor counters in Django's default cache, keyed by a hash of the
  visitor's address (`client_ip`; an IPv6 address counts by its /64, which one
  household or one attacker holds whole). Production sets REDIS_URL so that
  every app process counts in the same place; the counters are incremented
  atomically (`cache.add`, then `cache.incr`), so concurrent requests cannot
  slip past a limit.

`client_ip(request)` is the one answer to "who is this visitor" for every
limiter, the login lockout (django-axes, AXES_CLIENT_IP_CALLABLE) and the
ratings: REMOTE_ADDR, unless REMOTE_ADDR is one of XXGK_TRUSTED_PROXIES; then
the right-most X-Forwarded-For address that is not a trusted proxy.

XXGK_PUBLIC_RATE_LIMITS=off turns the public limits off (load tests and
benches only; `check --deploy` warns, xxgk.W005).
"""

from __future__ import annotations

import hashlib
import ipaddress
import time
from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.core.cache import cache

SALT = "xxgk.public-form"
HOUR = 3600


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


# ---------------------------------------------------------------- who the visitor is


#: in XXGK_TRUSTED_PROXIES: a request that came over a unix socket (no REMOTE_ADDR) is from a proxy
UNIX_SOCKET = "unix"


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies if p != UNIX_SOCKET)


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def _trusted(address, networks) -> bool:
    return any(address.version == net.version and address in net for net in networks)


def from_trusted_proxy(request) -> bool:
    """Whether the request came straight from one of XXGK_TRUSTED_PROXIES (whose headers are believed)."""
    proxies = tuple(getattr(settings, "XXGK_TRUSTED_PROXIES", ()))
    remote = _address(request.META.get("REMOTE_ADDR", "") or "")
    if remote is None:
        return UNIX_SOCKET in proxies
    return _trusted(remote, _networks(proxies))


def client_ip(request) -> str | None:
    """The visitor's address: REMOTE_ADDR, or, when that is a trusted proxy, the right-most address of
    X-Forwarded-For that is not one (addresses left of it were written by the visitor and prove nothing).
    None when there is no address to tell (no REMOTE_ADDR and no trusted proxy)."""
    proxies = tuple(getattr(settings, "XXGK_TRUSTED_PROXIES", ()))
    networks = _networks(proxies)
    remote = _address(request.META.get("REMOTE_ADDR", "") or "")
    if remote is None and UNIX_SOCKET not in proxies:
        return None
    if remote is not None and not _trusted(remote, networks):
        return str(remote)
    client = remote
    for part in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(part)
        if address is None:
            break  # garbage after the trusted hops: count the request against the last trusted hop
        client = address
        if not _trusted(address, networks):
            break
    return str(client) if client is not None else None


def _visitor(request) -> str:
    ip = client_ip(request) or "unknown"
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return ip


def _key(kind: str, request) -> str:
    visitor = hashlib.sha256(_visitor(request).encode()).hexdigest()[:16]
    return f"xxgk:limit:{kind}:{visitor}"


# ---------------------------------------------------------------- counting


def enabled() -> bool:
    """False only when XXGK_PUBLIC_RATE_LIMITS is off."""
    return bool(getattr(settings, "XXGK_PUBLIC_RATE_LIMITS", True))


def count(kind: str, request) -> int:
    return cache.get(_key(kind, request), 0)


def limited(kind: str, request, limit: int) -> bool:
    """True when this visitor already used up `limit` in the current window (counts nothing)."""
    return enabled() and count(kind, request) >= limit


def hit(kind: str, request, window: int = HOUR) -> int:
    """Count one use, atomically; returns the count in the current window (0 when limits are off)."""
    if not enabled():
        return 0
    key = _key(kind, request)
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 0, window)
        return cache.incr(key)


def take(kind: str, request, limit: int, window: int = HOUR) -> bool:
    """Count one use and say whether it is within `limit` for the window: check and count in one
    atomic step, so N concurrent requests get at most `limit` yeses."""
    return hit(kind, request, window) <= limit


def lookup_allowed(request) -> bool:
    """One more lookup with a password (FOI status, mailbox letter) for this visitor this hour?
    Asked before any password is hashed."""
    return take("lookup", request, settings.XXGK_LOOKUPS_PER_HOUR)
