"""The Content-Security-Policy: scripts and styles come from the site's own files only.

No inline script, no `on...=` handler, no `style=` attribute and no `<style>` element runs or applies
on an xxgk page: the behaviour is in `xxgk/static/xxgk/site.js` (and `large-text-early.js`), the looks
in `site.css`. A page that injected markup could therefore neither run script nor restyle the page.
The policy is the setting XXGK_CONTENT_SECURITY_POLICY (xxgk/settings.py); images may also be `data:`
URLs (the charts of the annual report).

Django 5.2 has no CSP support of its own; one header from one small middleware needs no package (django-csp).
A view that serves a whole document of its own with a `<style>` element (the annual report as HTML)
allows exactly that element by its hash with `allow_own_styles`, never with 'unsafe-inline'.
"""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import urlsplit

from django.conf import settings

HEADER = "Content-Security-Policy"
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S | re.I)


def header(policy: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in policy.items())


def allow_own_styles(response, html: str):
    """Allow the `<style>` elements of `html` (a document the view built from its own template) by hash."""
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(block.encode()).digest()).decode() + "'"
        for block in _STYLE.findall(html)
    ]
    policy = policy_now()
    policy["style-src"] = [*policy["style-src"], *hashes]
    response[HEADER] = header(policy)
    return response


def _origin(url: str | None) -> str | None:
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in {"http", "https"} and parts.netloc else None


# functions of the request giving more sign-out addresses (an institution's own provider; registered by
# xxgk.accounts, which core may not import)
SIGN_OUT_SOURCES: list = []


def sign_out_origins(request=None) -> list[str]:
    """The campus identity providers' origins: the 退出 form's redirect leads on to their logout
    (xxgk/accounts), and browsers hold the redirects of a form submission to `form-action` too."""
    found = [_origin(settings.CAS_SERVER_URL), _origin(settings.OIDC_OP_LOGOUT_ENDPOINT)]
    if request is not None:
        for source in SIGN_OUT_SOURCES:
            found.extend(_origin(url) for url in source(request))
    return [origin for origin in dict.fromkeys(found) if origin]


def policy_now(request=None) -> dict[str, list[str]]:
    policy = dict(settings.XXGK_CONTENT_SECURITY_POLICY)
    extra = sign_out_origins(request)
    if policy and extra:
        policy["form-action"] = [*policy.get("form-action", []), *extra]
    return policy


class ContentSecurityPolicyMiddleware:
    """Sets the policy on every response that has none of its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = policy_now(request)
        if policy and HEADER not in response:
            response[HEADER] = header(policy)
        return response
