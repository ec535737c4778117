"""Whole-page cache for anonymous visitors, keyed by the data's version.

A public page depends only on rows that change through service functions, and
every one of them writes a row: record changes a RecordEvent, the office's
changes to the catalog, channels and institution settings an AuditEvent,
reference data edited in the admin a LogEntry. The highest ids of those three
tables (one query on three primary keys) are the data version: any change
gives new keys. `TIMEOUT` is a safety net for changes made outside the
services, and for pages that show today's date.

Each process remembers the version it read for `XXGK_PORTAL_VERSION_SECONDS`
(default 1 s), so a page served from the cache costs no database round trip.
A write in the same process forgets it at once (a signal on the three event
tables, again when the transaction commits); another process's write shows
within that second.

Never cached: requests with a session or messages cookie (staff, or a visitor
with a pending message), anything but a 200 GET, streaming responses, and
responses that set a cookie or rendered a CSRF token (a form).

Settings (optional): XXGK_PORTAL_CACHE_SECONDS (default 300; 0 turns the cache
off); XXGK_PORTAL_VERSION_SECONDS (default 1; 0 reads the version on every
request); a cache alias "portal" in CACHES is used when present, else the default
cache unless it is the per-process LocMemCache, in which case a larger private
LocMemCache is used, holding XXGK_PORTAL_CACHE_ENTRIES pages (default 10,000: a
page is 5–20 KB, so up to about 150 MB per worker process). A deployment serving
many institutions from several processes is better served by a shared cache (a
"portal" alias on Redis or Memcached), which every worker fills once.
"""

from __future__ import annotations

import time
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from xxgk.publishing.models import RecordEvent

_local = None


def _cache():
    global _local
    if "portal" in settings.CACHES:
        return caches["portal"]
    default = caches["default"]
    if not isinstance(default, LocMemCache):
        return default
    if _local is None:
        entries = int(getattr(settings, "XXGK_PORTAL_CACHE_ENTRIES", 10000))
        _local = LocMemCache("xxgk-portal-pages", {"TIMEOUT": 300, "OPTIONS": {"MAX_ENTRIES": entries}})
    return _local


def timeout() -> int:
    return int(getattr(settings, "XXGK_PORTAL_CACHE_SECONDS", 300))


def version_seconds() -> float:
    return float(getattr(settings, "XXGK_PORTAL_VERSION_SECONDS", 1))


#: (version, time.monotonic() when read) or None; one per process, shared by its threads
_remembered: tuple[str, float] | None = None


def _read_version() -> str:
    from django.contrib.admin.models import LogEntry

    from xxgk.core.models import AuditEvent

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(id) FROM {RecordEvent._meta.db_table}),"
            f" (SELECT MAX(id) FROM {AuditEvent._meta.db_table}),"
            f" (SELECT MAX(id) FROM {LogEntry._meta.db_table})"
        )
        return "-".join(str(v or 0) for v in cursor.fetchone())


def data_version() -> str:
    """The data version, read from the database at most once per `version_seconds()` in this process."""
    global _remembered
    known = _remembered
    now = time.monotonic()
    if known is not None and now - known[1] < version_seconds():
        return known[0]
    version = _read_version()
    _remembered = (version, now)
    return version


def _forget() -> None:
    global _remembered
    _remembered = None


def forget_version(**_kwargs) -> None:
    """A write in this process: read the version afresh now (this transaction sees its own rows) and
    again once the transaction commits (for the other threads and connections of this process)."""
    _forget()
    transaction.on_commit(_forget)


def _cacheable_request(request) -> bool:
    return (request.method == "GET" and timeout() > 0
            and settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES)


def public_page(view):
    """Serve the page from the cache when the data has not changed since it was rendered."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _cacheable_request(request):
            response = view(request, *args, **kwargs)
            if getattr(response, "is_rendered", True) is False:
                response.render()
            return response
        key = f"portal:{getattr(request, 'LANGUAGE_CODE', '')}:{data_version()}:{request.get_full_path()}"
        store = _cache()
        hit = store.get(key)
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            patch_vary_headers(response, ["Cookie"])
            return response
        response = view(request, *args, **kwargs)
        if getattr(response, "is_rendered", True) is False:
            response.render()
        if (response.status_code == 200 and not response.streaming and not response.cookies
                and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")):
            store.set(key, (response.content, response["Content-Type"]), timeout())
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapped


def clear() -> None:
    _cache().clear()
    _forget()
