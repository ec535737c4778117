"""The period picker learns which years hold records from one EXISTS probe per half-year (1 January to the
academic year's first day, and from it to 31 December), never from a scan of every record: the academic and
calendar years it offers are exactly those holding records, a record published at midnight at the turn counts
in the right half, the annual report's own record is not activity, and a custom range is asked of the database,
so that a range holding no record says so although its half-year has some."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.test import RequestFactory

from tests.reporting.test_period_picker_lists_years_with_data import publish
from xxgk.catalog.models import ANNUAL_REPORT_ITEM, CatalogItem
from xxgk.core import periods
from xxgk.publishing.stats import days_with_data_of
from xxgk.reporting import periods as reporting_periods

TZ = ZoneInfo(settings.TIME_ZONE)


def _choose(world, **params):
    return reporting_periods.choose(RequestFactory().get("/", params), [world.institution])


def test_years_and_ranges(world):
    publish(world, date(2023, 3, 2))
    publish(world, date(2019, 12, 31))
    turn = publish(world, date(2022, 9, 1))
    turn.published_at = datetime.combine(date(2022, 9, 1), time(0, 0), tzinfo=TZ)  # 16:00 UTC on 31 August
    turn.save(update_fields=["published_at"])
    report = publish(world, date(2024, 10, 20))  # the annual report: not activity of 2024
    report.items.add(CatalogItem.objects.get(institution=world.institution, checklist_item__number=ANNUAL_REPORT_ITEM))

    assert days_with_data_of([world.institution]) == {date(2023, 1, 1), date(2022, 9, 1), date(2019, 9, 1)}
    choice = _choose(world)
    assert choice.period == periods.academic_year(2022) and choice.has_data
    assert [p.value for p in choice.academic] == ["ay:2022", "ay:2019"]
    assert [p.value for p in choice.calendar] == ["cy:2023", "cy:2022", "cy:2019"]

    assert _choose(world, start="2023-03-01", end="2023-03-05").has_data
    assert not _choose(world, start="2023-01-01", end="2023-01-31").has_data  # its half-year has data, it has none
    assert not _choose(world, start="2024-09-01", end="2024-12-31").has_data  # only the annual report
    assert not _choose(world, period="cy:2021").has_data
