"""The publishing tests' names for the personas of tests/personas.py, and records made through the services.

institution    world.institution (海滨理工大学, HBLG): its own 50 清单 items and the default review
               chain 核稿(checker) → 保密审查(secrecy) → 审签(signer)
xcb, xsc       world.dept_a (党委宣传部), world.dept_b (学生工作处)
drafter        world.drafter_a, 信息员 of xcb
other_drafter  world.drafter_b, 信息员 of xsc (the same institution, another department)
checker        world.checker_a, 审核人 of xcb
secrecy, signer, office, supervisor     the same people of the world
other_institution, other_office         world.other_institution (山城师范学院, SCSF) and its office admin
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings as django_settings

from xxgk.catalog.models import CatalogItem
from xxgk.publishing import services
from xxgk.publishing.models import RecordEvent

BEIJING = ZoneInfo(django_settings.TIME_ZONE)


def beijing(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    """An aware datetime, Beijing time (the deployment's TIME_ZONE)."""
    return datetime.combine(date(y, m, d), time(hh, mm), tzinfo=BEIJING)


def events_of(record) -> list[RecordEvent]:
    return list(RecordEvent.objects.filter(record_id=record.pk).order_by("id"))


@pytest.fixture
def institution(world):
    return world.institution


@pytest.fixture
def other_institution(world):
    return world.other_institution


@pytest.fixture
def xcb(world):
    return world.dept_a


@pytest.fixture
def xsc(world):
    return world.dept_b


@pytest.fixture
def drafter(world):
    return world.drafter_a


@pytest.fixture
def other_drafter(world):
    return world.drafter_b


@pytest.fixture
def checker(world):
    return world.checker_a


@pytest.fixture
def secrecy(world):
    return world.secrecy


@pytest.fixture
def signer(world):
    return world.signer


@pytest.fixture
def office(world):
    return world.office


@pytest.fixture
def supervisor(world):
    return world.supervisor


@pytest.fixture
def other_office(world):
    return world.other_office


@pytest.fixture
def item(institution):
    """The institution's catalog item by 清单 number: item(7) is 招生章程 (category 2 招生考试信息)."""

    def get(number: int, of=None) -> CatalogItem:
        return CatalogItem.objects.get(institution=of or institution, checklist_item__number=number)

    return get


@pytest.fixture
def new_draft(drafter, xcb):
    """A draft by `drafter` in 宣传部; keyword arguments override the content."""

    def make(*, by=None, department=None, items=(), **content):
        data = {
            "title": "关于2024年专升本招生录取结果的公示",
            "formed_on": date(2024, 6, 3),
            "summary": "专升本录取名单",
            "body": "<p>经学校招生工作领导小组研究，现将录取结果予以公示。</p>",
        }
        data.update(content)
        return services.create_draft(by or drafter, department or xcb, data, items=items)

    return make


@pytest.fixture
def through_chain(drafter, checker, secrecy, signer):
    """Take a draft through 提交 → 核稿 → 保密审查 → 审签 and, unless publish=False, 发布."""

    def run(record, *, publish: bool = True, at: datetime | None = None, submitter=None, check_by=None, publisher=None):
        record = services.submit(submitter or drafter, record)
        record = services.approve(check_by or checker, record)
        record = services.approve(secrecy, record)
        record = services.approve(signer, record)
        if publish:
            record = services.publish(publisher or signer, record, at=at)
        return record

    return run


@pytest.fixture
def published(new_draft, through_chain):
    """A record already published (2024-06-05, Beijing time)."""
    return through_chain(new_draft(), at=beijing(2024, 6, 5))
