"""Whole-page cache for anonymous visitors, keyed by the data's version.

A public page depends only on rows that change through service functions, and
every one of them writes a row: record changes a RecordEvent, the office's
changes to the catalog, channels and institution settings an AuditEvent,
reference data edited in the admin a LogEntry. The highest ids of those three
tables are the data version: any change gives new keys. An institution's pages
(every URL with a slug) use its own version: the highest ids of its record and
audit events, of the audit events that belong to no institution, and of the
admin log (one query, each part one index probe), so publishing at one
university leaves the cached pages of the other ninety-nine in place. Pages of
the whole deployment (the list of institutions, the sitemap) use the highest
ids of all three tables. `TIMEOUT` is a safety net for changes made outside the
services, and for pages that show today's date.

Each process remembers the version it read for `XXGK_PORTAL_VERSION_SECONDS`
(default 1 s), so a page served from the cache costs no database round trip.
A write in the same process forgets it at once (a signal on the three event
tables, again when the transaction commits); another process's write shows
within that second.

Keys hold the language, the data version, the site's origin (`xxgk.core.site.site_origin`: XXGK_SITE_URL,
else the request's scheme and host) and the full path.

Never cached: requests with a session or messages cookie (staff, or a visitor
with a pending message), anything but a 200 GET, streaming responses, and
responses that set a cookie or rendered a CSRF token (a form).

Settings (defaults and environment variables in xxgk/settings.py):
XXGK_PORTAL_CACHE_SECONDS (default 300; 0 turns the cache off);
XXGK_PORTAL_VERSION_SECONDS (default 1; 0 reads the version on every request).
A cache alias "portal" in CACHES is used when present, else the default cache
unless it is the per-process LocMemCache, in which case a larger private
LocMemCache is used, holding XXGK_PORTAL_CACHE_ENTRIES pages (default 10,000: a
page is 5–20 KB, so up to about 150 MB per worker process). A deployment serving
many institutions from several processes is better served by a shared cache (a
"portal" alias on Redis or Memcached), which every worker fills once.
"""

from __future__ import annotations

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from xxgk.core.site import site_origin
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
        entries = settings.XXGK_PORTAL_CACHE_ENTRIES
        _local = LocMemCache("xxgk-portal-pages", {"TIMEOUT": 300, "OPTIONS": {"MAX_ENTRIES": entries}})
    return _local


def timeout() -> int:
    return int(settings.XXGK_PORTAL_CACHE_SECONDS)


def version_seconds() -> float:
    return float(settings.XXGK_PORTAL_VERSION_SECONDS)


#: scope (an institution's slug, or "" for the whole deployment) -> (version, time.monotonic() when read);
#: one per process, shared by its threads
_remembered: dict[str, tuple[str, float]] = {}


def _read_version(slug: str) -> str:
    from django.contrib.admin.models import LogEntry

    from xxgk.core.models import AuditEvent
    from xxgk.org.models import Institution

    records, audits, admin_log = (RecordEvent._meta.db_table, AuditEvent._meta.db_table, LogEntry._meta.db_table)
    with connection.cursor() as cursor:
        if not slug:
            cursor.execute(
                f"SELECT (SELECT MAX(id) FROM {records}), (SELECT MAX(id) FROM {audits}),"
                f" (SELECT MAX(id) FROM {admin_log})"
            )
            return "-".join(str(v or 0) for v in cursor.fetchone())
        # one institution's pages change with its own events, the deployment's (no institution) and the admin's
        cursor.execute(
            f"SELECT i.id, (SELECT MAX(id) FROM {records} WHERE institution_id = i.id),"
            f" (SELECT MAX(id) FROM {audits} WHERE institution_id = i.id),"
            f" (SELECT MAX(id) FROM {audits} WHERE institution_id IS NULL),"
            f" (SELECT MAX(id) FROM {admin_log})"
            f" FROM {Institution._meta.db_table} i WHERE i.slug = %s",
            [slug],
        )
        row = cursor.fetchone()
        return "-".join(str(v or 0) for v in row) if row else "none"


def data_version(slug: str = "") -> str:
    """The version of an institution's data (of the whole deployment's without `slug`), read from the
    database at most once per `version_seconds()` in this process."""
    known = _remembered.get(slug)
    now = time.monotonic()
    if known is not None and now - known[1] < version_seconds():
        return known[0]
    version = _read_version(slug)
    _remembered[slug] = (version, now)
    return version


def _forget() -> None:
    _remembered.clear()


def forget_version(**_kwargs) -> None:
    """A write in this process: read the version afresh now (this transaction sees its own rows) and
    again once the transaction commits (for the other threads and connections of this process)."""
    _forget()
    transaction.on_commit(_forget)


def _cacheable_request(request) -> bool:
    return (
        request.method == "GET"
        and timeout() > 0
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def public_page(view):
    """Serve the page from the cache when the data has not changed since it was rendered."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _cacheable_request(request):
            response = view(request, *args, **kwargs)
            if getattr(response, "is_rendered", True) is False:
                response.render()
            return response
        version = data_version(kwargs.get("slug", ""))
        # the origin is part of the key: a feed or sitemap holds absolute URLs, so a page built for one
        # scheme and host is never served for another (XXGK_SITE_URL, when set, is the only origin)
        origin = site_origin(request)
        # the address hashed: a long query string would make a key no cache server accepts
        address = hashlib.sha256(f"{origin}{request.get_full_path()}".encode()).hexdigest()
        key = f"portal:{getattr(request, 'LANGUAGE_CODE', '')}:{version}:{address}"
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
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        ):
            store.set(key, (response.content, response["Content-Type"]), timeout())
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapped


#: what is forgotten with the cache (`clear`): the per-version memo of the pages' data registers its `forget` there
#: (xxgk/portal/memo.py, which reads the data version from this module)
cleared_with: list = []


def clear() -> None:
    _cache().clear()
    _forget()
    for forget in cleared_with:
        forget()
