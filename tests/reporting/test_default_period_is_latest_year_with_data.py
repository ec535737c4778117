"""Without a period in the address, every statistics page shows the latest academic year with data,
not the current (empty) one."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings

from xxgk.publishing.models import Record, RecordState

TZ = ZoneInfo(settings.TIME_ZONE)


def test_dashboard_and_report_default_to_the_latest_year_with_records(world, client):
    for day in (date(2021, 10, 5), date(2023, 3, 2)):
        Record.objects.create(
            institution=world.institution,
            department=world.dept_a,
            title="测试信息",
            formed_on=day,
            published_at=datetime.combine(day, time(10), tzinfo=TZ),
            state=RecordState.PUBLISHED,
        )
    client.force_login(world.office)
    html = client.get("/staff/reporting/").content.decode()
    assert "统计看板 2022—2023学年" in html
    assert '<option value="ay:2022" selected>' in html
    assert "本期发布 1 条" in html
    report = client.get("/staff/reporting/report/").content.decode()
    assert "2022—2023学年信息公开工作年度报告" in report
    assert "year=2022-2023" in report  # the downloads follow the period shown


def test_foi_statistics_default_to_the_latest_year_with_applications(world, client):
    from tests.foi.conftest import applicant
    from xxgk.foi import services

    services.submit_online(world.institution, applicant(), today=date(2021, 11, 3))
    client.force_login(world.office)
    html = client.get("/staff/foi/stats/").content.decode()
    assert '<option value="ay:2021" selected>2021—2022学年</option>' in html
    assert "2021-09-01 — 2022-08-31" in html


def test_oversight_tables_default_to_the_current_year_when_nothing_happened(world, client):
    client.force_login(world.office)
    html = client.get("/staff/oversight/rates/").content.decode()
    assert "该期间没有收到来信，也没有举报、复议或诉讼。" in html
    assert "该期间各信箱没有收到来信。" in html
