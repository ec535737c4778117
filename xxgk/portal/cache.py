"""Whole-page cache for anonymous visitors, keyed by the data's version.

A public page depends only on rows that change through service functions, and
every one of them writes a row: record changes a RecordEvent, the office's
changes to the catalog, channels and institution settings an AuditEvent,
reference data edited in the admin a LogEntry. The highest ids of those three
tables (one query on three primary keys) are the data version: any change
gives new keys, so a cached page is never stale beyond `TIMEOUT` (a safety net
for changes made outside the services, and for pages that show today's date).

Never cached: requests with a session or messages cookie (staff, or a visitor
with a pending message), anything but a 200 GET, streaming responses, and
responses that set a cookie or rendered a CSRF token (a form).

Settings (optional): XXGK_PORTAL_CACHE_SECONDS (default 300; 0 turns the cache
off); a cache alias "portal" in CACHES is used when present, else the default
cache unless it is the per-process LocMemCache, in which case a larger private
LocMemCache is used.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
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
        _local = LocMemCache("xxgk-portal-pages", {"TIMEOUT": 300, "OPTIONS": {"MAX_ENTRIES": 2000}})
    return _local


def timeout() -> int:
    return int(getattr(settings, "XXGK_PORTAL_CACHE_SECONDS", 300))


def data_version() -> str:
    from django.contrib.admin.models import LogEntry

    from xxgk.core.models import AuditEvent

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(id) FROM {RecordEvent._meta.db_table}),"
            f" (SELECT MAX(id) FROM {AuditEvent._meta.db_table}),"
            f" (SELECT MAX(id) FROM {LogEntry._meta.db_table})"
        )
        return "-".join(str(v or 0) for v in cursor.fetchone())


def _cacheable_request(request) -> bool:
    return (request.method == "GET" and timeout() > 0
            and settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES)


def public_page(view=None, *, fragments=None):
    """Serve the page from the cache when the data has not changed since it was rendered.

    `fragments` maps a marker in the page (an HTML comment) to a function (request, *args, **kwargs) → str
    rendered on every request and put in the marker's place after caching: the per-visitor part of a
    cached page (a form with its CSRF token).
    """
    if view is None:
        return lambda v: public_page(v, fragments=fragments)

    def fill(request, response, args, kwargs):
        if fragments and response.status_code == 200 and not response.streaming:
            content = response.content.decode(response.charset)
            for marker, render in fragments.items():
                if marker in content:
                    content = content.replace(marker, render(request, *args, **kwargs))
            response.content = content
        return response

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _cacheable_request(request):
            response = view(request, *args, **kwargs)
            if getattr(response, "is_rendered", True) is False:
                response.render()
            return fill(request, response, args, kwargs)
        key = f"portal:{getattr(request, 'LANGUAGE_CODE', '')}:{data_version()}:{request.get_full_path()}"
        store = _cache()
        hit = store.get(key)
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            patch_vary_headers(response, ["Cookie"])
            return fill(request, response, args, kwargs)
        response = view(request, *args, **kwargs)
        if getattr(response, "is_rendered", True) is False:
            response.render()
        if (response.status_code == 200 and not response.streaming and not response.cookies
                and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")):
            store.set(key, (response.content, response["Content-Type"]), timeout())
        patch_vary_headers(response, ["Cookie"])
        return fill(request, response, args, kwargs)

    return wrapped


def clear() -> None:
    _cache().clear()
