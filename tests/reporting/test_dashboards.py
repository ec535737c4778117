"""Dashboards: 清单 coverage (current / stale / empty), timeliness by department and month, charts
that are real PNGs, and who may open them (the office its own institution, a supervisor all)."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings

from tests.reporting.conftest import END, START, institution, user
from xxgk.catalog.models import CatalogItem
from xxgk.org.models import Department
from xxgk.publishing.models import Record, RecordState
from xxgk.reporting import stats

TZ = ZoneInfo(settings.TIME_ZONE)


def _published(inst, dept, formed: date, published: date, item=None):
    r = Record.objects.create(
        institution=inst,
        department=dept,
        title="测试信息",
        formed_on=formed,
        published_at=datetime.combine(published, time(10), tzinfo=TZ),
        state=RecordState.PUBLISHED,
    )
    if item:
        r.items.add(item)
    return r


def test_coverage_current_stale_empty(demo):
    inst = institution("qzoi")
    dept = Department.objects.get(institution=inst, code="dzb")
    stale_item = CatalogItem.objects.get(institution=inst, number="2")
    current_item = CatalogItem.objects.get(institution=inst, number="4")  # items the demo leaves empty
    _published(inst, dept, date(2021, 3, 1), date(2021, 3, 2), stale_item)
    _published(inst, dept, date(2023, 3, 1), date(2023, 3, 2), current_item)
    by_number = {c.number: c for c in stats.coverage(inst, START, END)}
    assert by_number["2"].status == "stale" and by_number["2"].last == date(2021, 3, 2)
    assert by_number["4"].status == "current" and by_number["4"].count == 1
    assert by_number["8"].status == "empty"
    assert by_number["4"].url == "/qzoi/catalog/4/"


def test_timeliness_by_department_and_month(demo):
    inst = institution("qzoi")
    hq = Department.objects.get(institution=inst, code="hqc")
    _published(inst, hq, date(2023, 3, 1), date(2023, 3, 3))  # 2 working days
    _published(inst, hq, date(2023, 3, 1), date(2023, 4, 28))  # far too late
    t = stats.timeliness(inst, START, END)
    cell = t.grid[("后勤管理处", "2023-03")]
    assert (cell.total, cell.on_time) == (1, 1)
    late = t.grid[("后勤管理处", "2023-04")]
    assert (late.total, late.on_time) == (1, 0)
    assert t.by_department["后勤管理处"].rate == 50.0
    assert len(t.months) == 12


def test_office_sees_its_dashboard_with_charts(demo, client):
    client.force_login(user("hntou-office"))
    page = client.get("/staff/reporting/?year=2022-2023")
    assert page.status_code == 200
    html = page.content.decode()
    assert "海南热带海洋学院" in html and "本期已公开" in html and 'id="timeliness"' in html
    png = client.get("/staff/reporting/charts/hntou/channels.png?year=2022-2023")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")


def test_office_cannot_open_another_institution(demo, client):
    client.force_login(user("hntou-office"))
    assert client.get("/staff/reporting/?i=qzoi&year=2022-2023").status_code == 403
    assert client.get("/staff/reporting/charts/qzoi/channels.png").status_code == 403
    assert client.get("/staff/reporting/supervisor/").status_code == 403


def test_supervisor_sees_every_institution(demo, client):
    client.force_login(user("province-supervisor"))
    page = client.get("/staff/reporting/supervisor/?year=2022-2023").content.decode()
    assert "海南热带海洋学院" in page and "泉州海洋职业学院" in page
    assert client.get("/staff/reporting/?i=qzoi&year=2022-2023").status_code == 200


def test_a_department_officer_gets_403_on_dashboards(demo, client):
    client.force_login(user("hntou-drafter"))
    assert client.get("/staff/reporting/").status_code == 403
    assert client.get("/staff/reporting/supervisor/").status_code == 403


def test_anonymous_is_sent_to_login(demo, client):
    assert client.get("/staff/reporting/").status_code == 302
