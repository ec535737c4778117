"""The application form's guard settings; the guard itself is `xxgk.core.spam`."""

from __future__ import annotations

from django.conf import settings

from xxgk.core import spam

SCOPE = "foi:apply"
HONEYPOT = "website"
client_ip = spam.client_ip


def _setting(name: str, default):
    return getattr(settings, name, default)


def make_token(at: float | None = None) -> str:
    return spam.make_token(SCOPE, at)


def check_token(token: str, now: float | None = None) -> str | None:
    """None when fine, else "invalid", "too_fast" or "expired"."""
    return spam.check_token(
        token,
        SCOPE,
        min_seconds=_setting("FOI_MIN_FORM_SECONDS", 3),
        max_age=_setting("FOI_MAX_FORM_AGE", 24 * 3600),
        now=now,
    )


def limited(kind: str, request, limit: int) -> bool:
    return spam.limited(f"foi:{kind}", request, limit)


def hit(kind: str, request, window: int = 3600) -> None:
    spam.hit(f"foi:{kind}", request, window)


def take(kind: str, request, limit: int, window: int = 3600) -> bool:
    """Count one and say whether it is within `limit` (atomic; see `xxgk.core.spam.take`)."""
    return spam.take(f"foi:{kind}", request, limit, window)


def submit_limit() -> int:
    return _setting("FOI_SUBMITS_PER_HOUR", 5)


def lookup_failure_limit() -> int:
    return _setting("FOI_LOOKUP_FAILURES_PER_HOUR", 10)
