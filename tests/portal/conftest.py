"""The portal as a visitor sees it: the personas world plus records taken through the real review chain."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings as django_settings

from xxgk.catalog.models import CatalogItem
from xxgk.portal import cache as portal_cache
from xxgk.portal.search import sync_index
from xxgk.publishing import services, tallies
from xxgk.publishing.models import Record, RecordEvent, RecordState

BEIJING = ZoneInfo(django_settings.TIME_ZONE)


@pytest.fixture
def remember_for_a_minute(settings):
    """Each process trusts the data version it read for a minute (the default is a second)."""
    settings.XXGK_PORTAL_VERSION_SECONDS = 60
    portal_cache.clear()
    yield
    portal_cache.clear()


def item(world, number: int | str) -> CatalogItem:
    return CatalogItem.objects.get(institution=world.institution, number=str(number))


def published(world, title: str, *, items=(), body="<p>正文。</p>", drafter=None, department=None, **extra):
    """A record drafted, submitted, approved at every step and published through the services."""
    drafter = drafter or world.drafter_a
    department = department or world.dept_a
    data = {"title": title, "formed_on": date(2024, 3, 1), "body": body, **extra}
    record = services.create_draft(drafter, department, data, items=items)
    services.submit(drafter, record)
    if department == world.dept_b:
        services.approve(world.checker_b, record)
        services.approve(world.secrecy, record)
        services.approve(world.signer, record)
        services.publish(world.signer, record)
    else:
        world.through_chain(record)
    return Record.objects.get(pk=record.pk)


def bulk_published(world, n: int, *, items=(), department=None, prefix="批量信息") -> list[Record]:
    """n published records written directly (fast), each with a publish event like the demo loader writes."""
    department = department or world.dept_a
    start = datetime(2024, 1, 1, 9, 0, tzinfo=BEIJING)
    records = Record.objects.bulk_create(
        [
            Record(
                institution=world.institution,
                department=department,
                title=f"{prefix}第{i}号关于校园建设的通知",
                index_number=f"BULK-{prefix}-{i:05d}",
                formed_on=date(2024, 1, 1),
                published_at=start + timedelta(hours=i),
                summary="校园建设进展",
                body=f"<p>第{i}条批量生成的正文，介绍校园建设和招生工作。</p>",
                state=RecordState.PUBLISHED,
                created_by=world.drafter_a,
                state_changed_at=start + timedelta(hours=i),
            )
            for i in range(n)
        ]
    )
    if items:
        through = Record.items.through
        through.objects.bulk_create([through(record_id=r.pk, catalogitem_id=it.pk) for r in records for it in items])
    RecordEvent.objects.bulk_create(
        [
            RecordEvent(
                record=r,
                institution=world.institution,
                actor=world.signer,
                at=r.published_at,
                action="published",
                from_state="approved",
                to_state="published",
            )
            for r in records
        ]
    )
    portal_cache.forget_version()  # bulk_create sends no signal
    sync_index()
    tallies.rebuild(world.institution)  # nor do the services count them
    return records
