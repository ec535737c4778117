"""Building the report runs a fixed number of queries, whatever the number of records."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.reporting.conftest import END, START, institution
from xxgk.catalog.models import CatalogItem
from xxgk.org.models import Department
from xxgk.publishing.models import Channel, Posting, Record, RecordState
from xxgk.reporting import annual

TZ = ZoneInfo(settings.TIME_ZONE)


def _count(inst) -> int:
    with CaptureQueriesContext(connection) as ctx:
        annual.build(inst, START, END, with_charts=False)
    return len(ctx.captured_queries)


def test_queries_do_not_grow_with_records(demo, django_assert_max_num_queries):
    inst = institution("hntou")
    annual.build(inst, START, END, with_charts=False)  # warm the section rows and reply types
    before = _count(inst)
    dept = Department.objects.get(institution=inst, code="xcb")
    channel = Channel.objects.filter(institution=inst, logged_individually=True).first()
    items = list(CatalogItem.objects.filter(institution=inst)[:10])
    records = Record.objects.bulk_create(
        [
            Record(
                institution=inst,
                department=dept,
                title=f"批量信息{i}",
                formed_on=date(2023, 1, 1) + timedelta(i % 200),
                published_at=datetime.combine(date(2023, 1, 2) + timedelta(i % 200), time(9), tzinfo=TZ),
                state=RecordState.PUBLISHED,
            )
            for i in range(1500)
        ]
    )
    Posting.objects.bulk_create([Posting(record=r, channel=channel, posted_on=date(2023, 1, 2)) for r in records])
    Record.items.through.objects.bulk_create(
        [Record.items.through(record_id=r.pk, catalogitem_id=items[i % 10].pk) for i, r in enumerate(records)]
    )
    with django_assert_max_num_queries(before):
        doc = annual.build(inst, START, END, with_charts=False)
    assert doc.figures["channels"][channel.name] >= 1500
    assert before < 60
