"""The site's own address, for every absolute URL it writes.

When `XXGK_SITE_URL` is set (`https://xxgk.example.edu.cn`), absolute URLs (feeds, sitemaps, links in
the annual report) are built from it and never from the Host header a visitor sent; a deployment
with `ALLOWED_HOSTS = *` must set it (see `xxgk.core.checks`). Without it, the request's own scheme
and host are used, which Django has checked against ALLOWED_HOSTS.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings


def configured() -> str:
    """XXGK_SITE_URL without a trailing slash, or ""."""
    return (getattr(settings, "XXGK_SITE_URL", "") or "").rstrip("/")


def site_origin(request) -> str:
    """`scheme://host[:port]` of the site: XXGK_SITE_URL when set, else the request's."""
    return configured() or f"{request.scheme}://{request.get_host()}"


class SiteRequest:
    """A request that answers for XXGK_SITE_URL: its host, its scheme, absolute URIs on it.

    Everything else is the wrapped request's. Django's feed and sitemap views take the domain from
    `get_host()` (through `get_current_site`) and the scheme from `scheme` or `is_secure()`.
    """

    def __init__(self, request, origin: str):
        parts = urlsplit(origin)
        self._request = request
        self._host = parts.netloc
        self._scheme = parts.scheme

    def __getattr__(self, name):
        return getattr(self._request, name)

    def get_host(self) -> str:
        return self._host

    @property
    def scheme(self) -> str:
        return self._scheme

    def is_secure(self) -> bool:
        return self._scheme == "https"

    def build_absolute_uri(self, location: str | None = None) -> str:
        path = self._request.get_full_path() if location is None else location
        if urlsplit(path).scheme:
            return path
        return f"{self._scheme}://{self._host}{path if path.startswith('/') else '/' + path}"


def on_site(view):
    """Run `view` with a request that answers for XXGK_SITE_URL, when it is set."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        origin = configured()
        return view(SiteRequest(request, origin) if origin else request, *args, **kwargs)

    return wrapped
