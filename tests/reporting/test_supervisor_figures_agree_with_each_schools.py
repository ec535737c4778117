"""The supervisor's dashboard counts timeliness and 清单 coverage in the database, for every institution at once;
its figures are exactly those of each institution's own dashboard, counted record by record in Python: records
formed long before the period, on the day of publication, after it, across holidays and 调休 workdays, a limit
other than 20, items current, stale, empty and the institution's own."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from xxgk.catalog.models import CatalogItem
from xxgk.org.services import create_institution
from xxgk.publishing.models import Record, RecordState
from xxgk.reporting import stats

TZ = ZoneInfo(settings.TIME_ZONE)
START, END = date(2022, 9, 1), date(2023, 8, 31)


def _records(inst, dept, rng: random.Random, n: int) -> None:
    items = list(CatalogItem.objects.filter(institution=inst).order_by("order"))
    rows = []
    for i in range(n):
        published = START + timedelta(days=rng.randint(-60, (END - START).days + 30))
        lag = rng.choice([0, 1, 5, 19, 20, 21, 27, 28, 30, 45, 200, -3])
        hour = rng.choice([0, 7, 9, 23])  # 00:xx and 23:xx local are the other UTC day
        rows.append(
            Record(
                institution=inst,
                department=dept,
                title=f"一致性测试{i}",
                formed_on=published - timedelta(days=lag),
                published_at=datetime.combine(published, time(hour, 30), tzinfo=TZ),
                state=rng.choice([RecordState.PUBLISHED] * 5 + [RecordState.DRAFT, RecordState.WITHDRAWN]),
            )
        )
    records = Record.objects.bulk_create(rows)
    # items 0-9 get records, so some are current and some (only early records) stale; the rest stay empty
    through = Record.items.through
    through.objects.bulk_create([through(record_id=r.pk, catalogitem_id=items[rng.randrange(10)].pk) for r in records])


def test_the_database_counts_agree_with_each_schools_own(world):
    rng = random.Random(18)
    other = create_institution(name="一致性测试学院", short_name="一致", code="AGR", slug="agree")
    other.timeliness_days = 10
    other.save(update_fields=["timeliness_days"])
    dept_other = other.departments.create(name="办公室", code="agrdzb")
    category = CatalogItem.objects.filter(institution=other).first().category
    CatalogItem.objects.create(institution=other, category=category, number="自1", title="本校自定事项", order=999)
    _records(world.institution, world.dept_a, rng, 300)
    _records(other, dept_other, rng, 300)
    schools = [world.institution, other, world.other_institution]

    for start, end in ((START, END), (date(2023, 1, 1), date(2023, 2, 28)), (date(2023, 9, 20), date(2023, 10, 10))):
        totals = stats.timeliness_totals_of(schools, start, end)
        coverage = stats.coverage_summaries_of(schools, start, end)
        for school in schools:
            assert totals[school.pk] == stats.timeliness(school, start, end).total, (school, start)
            assert coverage[school.pk] == stats.coverage_summary(stats.coverage(school, start, end)), (school, start)
        assert totals[world.institution.pk].total > 0
    year = stats.timeliness_totals_of(schools, START, END)[world.institution.pk]
    assert 0 < year.on_time < year.total  # both outcomes occur, so agreement is not agreement on all or nothing
