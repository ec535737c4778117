"""The public API reads what the portal shows: institutions, catalog, published records with filters
and a cursor, a record with its attachments' public URLs, published annual reports and their table."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_institutions_and_catalog(client, world):
    slugs = {i["slug"] for i in client.get("/api/v1/institutions").json()}
    assert {"hblg", "scsf"} <= slugs
    items = client.get("/api/v1/institutions/hblg/catalog").json()
    assert len(items) >= 50 and items[0]["number"] == "1" and items[0]["category"]
    assert client.get("/api/v1/institutions/nope/catalog").status_code == 404


def test_records_only_published_of_that_institution(client, world, published):
    from datetime import date

    from xxgk.publishing import services as publishing

    publishing.create_draft(
        world.people["drafter_a"], world.dept_a, {"title": "草稿不公开", "formed_on": date(2023, 1, 1)}
    )
    body = client.get("/api/v1/institutions/hblg/records").json()
    titles = [r["title"] for r in body["results"]]
    assert titles == ["2022—2023学年信息公开工作年度报告", "学校召开安全工作会议"]
    assert body["next_cursor"] is None
    assert client.get(f"/api/v1/institutions/hblg/records/{published['foreign'].pk}").status_code == 404


def test_cursor_pages_through_everything_once(client, world, published):
    first = client.get("/api/v1/institutions/hblg/records?limit=1").json()
    assert len(first["results"]) == 1 and first["next_cursor"]
    second = client.get(f"/api/v1/institutions/hblg/records?limit=1&cursor={first['next_cursor']}").json()
    assert second["next_cursor"] is None
    assert {first["results"][0]["id"], second["results"][0]["id"]} == {published["news"].pk, published["report"].pk}
    assert client.get("/api/v1/institutions/hblg/records?cursor=%%%").status_code == 400
    assert client.get("/api/v1/institutions/hblg/records?limit=1000").status_code == 422


def test_filters(client, world, published):
    got = client.get("/api/v1/institutions/hblg/records?published_from=2023-10-01").json()["results"]
    assert [r["id"] for r in got] == [published["report"].pk]
    got = client.get("/api/v1/institutions/hblg/records?department=xgc").json()["results"]
    assert got == []
    got = client.get("/api/v1/institutions/hblg/records?updated_since=2999-01-01T00:00:00Z").json()["results"]
    assert got == []


def test_record_detail_and_annual_report_table(client, world, published):
    detail = client.get(f"/api/v1/institutions/hblg/records/{published['news'].pk}").json()
    assert detail["body"] == "<p>会议内容。</p>" and detail["attachments"] == []
    assert detail["url"].endswith(f"/hblg/records/{published['news'].pk}/")
    reports = client.get("/api/v1/institutions/hblg/annual-reports").json()
    assert [r["record"] for r in reports] == [published["report"].pk]
    table = client.get(f"/api/v1/institutions/hblg/annual-reports/{reports[0]['id']}/applications-table").json()
    assert table["balanced"] is True and table["rows"] and table["columns"][0][1] == "自然人"


def test_schema_and_docs_are_served_locally(client, world):
    schema = client.get("/api/schema/").json()
    assert schema["openapi"].startswith("3.")
    docs = client.get("/api/docs/").content.decode()
    assert "cdn" not in docs.lower() and "swagger-ui" in docs
