"""The annual report on the year before, published in October under 清单 item 6, is not data of the
new year: a new year holding only that record is not the default period (it is still reachable)."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings

from xxgk.catalog.models import ANNUAL_REPORT_ITEM, CatalogItem
from xxgk.publishing.models import Record, RecordState

TZ = ZoneInfo(settings.TIME_ZONE)


def publish(world, day: date, title: str = "测试信息"):
    return Record.objects.create(
        institution=world.institution,
        department=world.dept_a,
        title=title,
        formed_on=day,
        published_at=datetime.combine(day, time(10), tzinfo=TZ),
        state=RecordState.PUBLISHED,
    )


def test_default_stays_on_the_year_the_report_is_about(world, client):
    publish(world, date(2023, 3, 2))
    report = publish(world, date(2023, 10, 27), "2022—2023学年信息公开工作年度报告")
    report.items.add(CatalogItem.objects.get(institution=world.institution, checklist_item__number=ANNUAL_REPORT_ITEM))
    client.force_login(world.office)
    html = client.get("/staff/reporting/").content.decode()
    assert "统计看板 2022—2023学年" in html and '<option value="ay:2023"' not in html
    later = client.get("/staff/reporting/?start=2023-09-01&end=2024-08-31").content.decode()
    assert "统计看板 2023—2024学年" in later and "本期发布 1 条" in later
