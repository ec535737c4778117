"""The annual report served as HTML keeps its own <style> under the Content-Security-Policy: that one
element is allowed by its hash, and still no 'unsafe-inline'."""

from __future__ import annotations

import base64
import hashlib
import re

from tests.reporting.conftest import user


def test_the_report_page_allows_exactly_its_own_style(demo, client):
    client.force_login(user("hntou-office"))
    response = client.get("/staff/reporting/report/download.html?year=2022-2023")
    assert response.status_code == 200
    page = response.content.decode()
    blocks = re.findall(r"<style[^>]*>(.*?)</style>", page, re.S)
    assert blocks
    header = response["Content-Security-Policy"]
    style_src = next(p for p in header.split(";") if p.strip().startswith("style-src")).split()[1:]
    expected = ["'sha256-" + base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() + "'" for b in blocks]
    assert style_src == ["'self'", *expected]
    assert "unsafe-inline" not in header and "script-src 'self'" in header
