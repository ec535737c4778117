"""The supervisor's round for 2022–2023: each institution's report, when it was published against 31 October,
what it lacks and the checker's findings; filters and sorting; the XLSX has one row per institution."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse

from tests.reporting.round_world import DEADLINE, YEAR, publish_report, upload_outside
from xxgk.reporting import annual_round


@pytest.fixture
def round_world(world):
    publish_report(world)
    upload_outside(world.supervisor)
    return world


def _by_name(rows):
    return {r.name: r for r in rows}


def test_every_institution_with_its_report(round_world):
    w = round_world
    rows = _by_name(annual_round.rows(w.supervisor, YEAR, today=date(2023, 12, 1)))
    assert set(rows) == {w.institution.name, w.other_institution.name, "东海职业学院"}

    ours = rows[w.institution.name]
    assert ours.on_platform and ours.published_on == date(2023, 10, 27) and ours.on_time
    assert ours.deadline == DEADLINE and ours.checked and ours.findings_count is not None
    assert ours.source_url.startswith(f"/{w.institution.slug}/")
    # the platform's own report text gives its tables' cells separated by bars: the 依申请公开 table is read
    assert ours.table_balance == "平衡"

    other = rows[w.other_institution.name]
    assert not other.published and other.problems == ("missing", "late") and other.findings_count is None

    outside = rows["东海职业学院"]
    assert not outside.on_platform and outside.published_on == date(2023, 11, 6) and outside.on_time is False
    assert outside.days_late == 6
    assert outside.problems == ("late", "incomplete")
    assert "信息公开评议情况" in outside.missing_sections
    assert dict(outside.key_figures)["官网发布信息"] == 1200
    assert outside.table_balance == "未读到表格"


def test_before_the_deadline_an_unpublished_report_is_missing_not_late(round_world):
    rows = _by_name(annual_round.rows(round_world.supervisor, YEAR, today=date(2023, 10, 1)))
    assert rows[round_world.other_institution.name].problems == ("missing",)


def test_filters_and_sorting(round_world, client):
    w = round_world
    client.force_login(w.supervisor)
    url = reverse("reporting_staff:round")
    page = client.get(url, {"period": "ay:2022", "show": "incomplete"}).content.decode()
    assert "东海职业学院" in page and w.other_institution.name not in page
    page = client.get(url, {"period": "ay:2022", "show": "missing"}).content.decode()
    assert w.other_institution.name in page and "东海职业学院" not in page
    page = client.get(url, {"period": "ay:2022", "sort": "published"}).content.decode()
    assert page.index(w.institution.name) < page.index("东海职业学院") < page.index(w.other_institution.name)
    bad = client.get(url, {"period": "zzz", "show": "x" * 300, "sort": "\x00"})
    assert bad.status_code == 200


def test_calendar_year_is_read_as_the_academic_year(round_world, client):
    client.force_login(round_world.supervisor)
    page = client.get(reverse("reporting_staff:round"), {"period": "cy:2022"}).content.decode()
    assert "年度报告按学年检查" in page and "2022—2023学年" in page


def test_the_report_opens_with_its_marked_text(round_world, client):
    client.force_login(round_world.supervisor)
    rows = _by_name(annual_round.rows(round_world.supervisor, YEAR))
    page = client.get(rows["东海职业学院"].open_url).content.decode()
    assert '<mark class="figure"' in page and "缺少“信息公开评议情况”部分" in page
    page = client.get(rows[round_world.institution.name].open_url).content.decode()
    assert "全文（数字和问题处已标出）" in page and "<mark" in page


def test_xlsx_one_row_per_institution(round_world, client):
    from openpyxl import load_workbook

    client.force_login(round_world.supervisor)
    response = client.get(reverse("reporting_staff:round_export"), {"period": "ay:2022"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    headings, body = rows[1], {r[0]: dict(zip(rows[1], r)) for r in rows[2:]}
    assert headings[:5] == ("学校", "是否在平台", "发布日期", "是否按期", "缺少部分")
    assert len(body) == 3
    outside = body["东海职业学院"]
    assert outside["是否按期"] == "否（逾期）" and outside["官网发布信息"] == 1200
    assert "信息公开评议情况" in outside["缺少部分"] and outside["问题数"] >= 5
    assert body[round_world.other_institution.name]["是否按期"] == "未发布"
    assert body[round_world.institution.name]["是否按期"] == "是"


def test_summary_page_and_its_charts(round_world, client):
    client.force_login(round_world.supervisor)
    page = client.get(reverse("reporting_staff:round_summary"), {"period": "ay:2022"}).content.decode()
    for kind in ("dates", "completeness", "website_items"):
        assert reverse("reporting_staff:round_chart", args=[kind]) in page
        png = client.get(reverse("reporting_staff:round_chart", args=[kind]), {"period": "ay:2022"})
        assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    assert client.get(reverse("reporting_staff:round_chart", args=["nope"])).status_code == 404
    # no institution reported a complaint (the platform's says 0, the outside one says nothing): no chart of zeros
    assert reverse("reporting_staff:round_chart", args=["complaints"]) not in page
    zeros = client.get(reverse("reporting_staff:round_chart", args=["complaints"]), {"period": "ay:2022"})
    assert zeros.status_code == 404
    empty = client.get(reverse("reporting_staff:round_chart", args=["dates"]), {"period": "ay:2015"})
    assert empty.status_code == 404
