"""Every response carries a Content-Security-Policy with no 'unsafe-inline', next to the existing headers,
and no template holds an inline script, an `on...=` handler or a `style=` attribute that it would block."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2] / "xxgk"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.I)
# whole documents of their own, never served under the site's policy as they are: the annual report
# (WeasyPrint's source; served as HTML with its <style> allowed by hash, see xxgk/core/csp.py)
OWN_DOCUMENTS = {"reporting/templates/reporting/annual_report.html"}


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/", "/hblg/", "/hblg/apply/", "/hblg/no-such-page/", "/accounts/login/"])
def test_every_page_carries_the_policy_and_the_old_headers(world, path):
    response = Client().get(path)
    found = policy(response)
    assert found["script-src"] == ["'self'"] and found["style-src"] == ["'self'"]
    assert found["object-src"] == ["'none'"] and found["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_staff_pages_and_refusals_carry_it_too(world, settings):
    staff = Client()
    staff.force_login(world.office)
    assert "script-src 'self'" in staff.get("/staff/")["Content-Security-Policy"]
    settings.XXGK_PUBLIC_POSTS_PER_HOUR = 0
    refused = Client().post("/hblg/apply/status/", {})
    assert refused.status_code == 429 and "script-src 'self'" in refused["Content-Security-Policy"]


def templates():
    """Django's templates and the Jinja2 ones of the busiest public pages (xxgk/portal/jinja2/)."""
    return sorted([*ROOT.rglob("templates/**/*.html"), *ROOT.rglob("jinja2/**/*.html")])


@pytest.mark.parametrize("path", templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_needs_unsafe_inline(path):
    if str(path.relative_to(ROOT)) in OWN_DOCUMENTS:
        return
    text = path.read_text(encoding="utf-8")
    for pattern, what in (
        (INLINE_SCRIPT, "an inline <script>"),
        (HANDLER, "an on...= handler"),
        (STYLE_ATTRIBUTE, "a style= attribute"),
        (STYLE_ELEMENT, "a <style> element"),
    ):
        match = pattern.search(text)
        assert match is None, f"{what}: {match.group(0)[:80]} — move it to xxgk/static/xxgk/"
