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
    policy = dict(settings.XXGK_CONTENT_SECURITY_POLICY)
    policy["style-src"] = [*policy["style-src"], *hashes]
    response[HEADER] = header(policy)
    return response


class ContentSecurityPolicyMiddleware:
    """Sets the policy on every response that has none of its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = settings.XXGK_CONTENT_SECURITY_POLICY
        if policy and HEADER not in response:
            response[HEADER] = header(policy)
        return response
