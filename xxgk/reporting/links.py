"""Where the annual report's links point.

The report links each 清单 item and category to its page on the portal (`/hblg/items/7/`). On a web page
a path is enough; a DOCX or PDF is read away from the site, so its links are absolute: on the platform's
own address (`XXGK_SITE_URL`, `xxgk.core.site`), else on the origin of the request that asked for the
file, else on the scheme and host of the institution's website setting (`Institution.website`)."""

from __future__ import annotations

from urllib.parse import urlsplit

from xxgk.core import site


def report_base_url(institution, origin: str = "") -> str:
    configured = site.configured()
    if configured:
        return configured
    if origin:
        return origin.rstrip("/")
    parts = urlsplit(getattr(institution, "website", "") or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else ""


def absolute(url: str, base_url: str) -> str:
    """`url` on `base_url` when it is a path; an absolute URL or an empty one as it is."""
    if url and url.startswith("/") and not url.startswith("//") and base_url:
        return base_url.rstrip("/") + url
    return url
