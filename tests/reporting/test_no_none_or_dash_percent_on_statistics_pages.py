"""No statistics page shows "None", "None%" or "—%", for a year with data or an empty one, for
either demo institution, nor the supervisor's summary."""

from __future__ import annotations

import pytest

from tests.reporting.conftest import user

PAGES = [
    "/staff/reporting/?i={slug}&{period}",
    "/staff/reporting/figures/?i={slug}&{period}",
    "/staff/reporting/procurement/?i={slug}&{period}",
    "/staff/reporting/paragraphs/?i={slug}&{period}",
    "/staff/reporting/report/?i={slug}&{period}",
    "/staff/foi/stats/?i={slug}&{period}",
    "/staff/oversight/rates/?i={slug}&{period}",
    "/staff/oversight/table/?i={slug}&{period}",
]
BAD = ("None", "—%", "— %", "其中。")


@pytest.mark.parametrize(
    "period", ["year=2022-2023", "year=2015-2016", "cy=2023", "start=2023-01-01&end=2023-03-31", ""]
)
@pytest.mark.parametrize("slug", ["hntou", "qzoi"])
def test_pages_have_no_none_or_dash_percent(demo, client, slug, period):
    client.force_login(user(f"{slug}-office"))
    for page in PAGES:
        response = client.get(page.format(slug=slug, period=period))
        assert response.status_code == 200, page
        html = response.content.decode()
        for bad in BAD:
            assert bad not in html, (page, period, bad)


@pytest.mark.parametrize("period", ["year=2022-2023", "year=2015-2016", ""])
def test_supervisor_summary_has_no_none_or_dash_percent(demo, client, period):
    client.force_login(user("province-supervisor"))
    html = client.get(f"/staff/reporting/supervisor/?{period}").content.decode()
    assert "各校信息公开情况汇总" in html
    for bad in BAD:
        assert bad not in html, bad
