"""The period picker lists the academic and calendar years in which something happened (records
published, applications received, letters received), newest first, and a custom range; not the
current year when it is empty."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings

from xxgk.core import periods
from xxgk.publishing.models import Record, RecordState

TZ = ZoneInfo(settings.TIME_ZONE)


def publish(world, day: date):
    return Record.objects.create(
        institution=world.institution,
        department=world.dept_a,
        title="测试信息",
        formed_on=day,
        published_at=datetime.combine(day, time(10), tzinfo=TZ),
        state=RecordState.PUBLISHED,
    )


def options(html: str) -> list[tuple[str, str]]:
    picker = html[html.index('id="period-picker"') :]
    picker = picker[: picker.index("</select>")]
    return re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', picker)


def test_years_with_records_are_offered_newest_first(world, client):
    publish(world, date(2021, 10, 5))
    publish(world, date(2023, 3, 2))
    Record.objects.create(  # a draft is not data of a period
        institution=world.institution, department=world.dept_a, title="草稿", formed_on=date(2025, 3, 1)
    )
    client.force_login(world.office)
    html = client.get("/staff/reporting/").content.decode()
    assert options(html) == [
        ("ay:2022", "2022—2023学年"),
        ("ay:2021", "2021—2022学年"),
        ("cy:2023", "2023年"),
        ("cy:2021", "2021年"),
        ("range", "自定义（按下列起止日期）"),
    ]
    assert 'name="start"' in html and 'name="end"' in html and 'name="i" value="hblg"' in html


def test_the_supervisor_summary_lists_the_years_of_every_institution(world, client):
    publish(world, date(2023, 3, 2))
    Record.objects.create(
        institution=world.other_institution,
        department=world.other_institution.departments.first(),
        title="另一所学校的信息",
        formed_on=date(2020, 5, 1),
        published_at=datetime.combine(date(2020, 5, 6), time(10), tzinfo=TZ),
        state=RecordState.PUBLISHED,
    )
    client.force_login(world.supervisor)
    html = client.get("/staff/reporting/supervisor/").content.decode()
    assert [v for v, _ in options(html)] == ["ay:2022", "ay:2019", "cy:2023", "cy:2020", "range"]


def test_applications_and_letters_count_as_data(world):
    from xxgk.reporting.periods import days_with_data

    publish(world, date(2023, 3, 2))
    assert days_with_data([world.institution]) == {date(2023, 1, 1)}  # the half-year it falls in
    assert periods.choose({}, days_with_data([world.other_institution]), today=date(2026, 12, 5)).academic == [
        periods.academic_year(2026)  # nothing at all: the current year, shown as the only choice
    ]
