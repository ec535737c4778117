"""Personas for the publishing service tests.

One institution (海南热带海洋学院, code HNTOU) made through
`xxgk.org.services.create_institution`, so it has its own copy of the 50 清单
items and the default review chain 核稿(checker) → 保密审查(secrecy) → 审签(signer);
two departments, 宣传部 and 学生处; and one person per role:

    drafter        信息员, 宣传部
    other_drafter  信息员, 学生处
    checker        审核人, 宣传部
    secrecy        保密审查员, institution-wide
    signer         签发人, institution-wide
    office         办公室管理员
    supervisor     督查 (every institution, read-only)

plus a second institution (泉州海洋职业学院, QZOI) with its own office admin,
`other_office`.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model

from xxgk.catalog.loader import load_checklist
from xxgk.catalog.models import CatalogItem
from xxgk.org.models import Department, Role
from xxgk.org.services import create_institution, grant
from xxgk.publishing import services
from xxgk.publishing.models import RecordEvent

BEIJING = ZoneInfo(django_settings.TIME_ZONE)


def beijing(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    """An aware datetime, Beijing time (the deployment's TIME_ZONE)."""
    return datetime.combine(date(y, m, d), time(hh, mm), tzinfo=BEIJING)


def events_of(record) -> list[RecordEvent]:
    return list(RecordEvent.objects.filter(record_id=record.pk).order_by("id"))


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded attachments go to a throw-away directory, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _person(username: str, full_name: str):
    return get_user_model().objects.create_user(username, password="x", first_name=full_name)


@pytest.fixture
def institution(db):
    # The checklist is loaded by a data migration; a transactional test flushes it, so load it again.
    load_checklist()
    return create_institution(name="海南热带海洋学院", short_name="热海大", code="HNTOU", slug="hntou")


@pytest.fixture
def other_institution(db):
    load_checklist()
    return create_institution(name="泉州海洋职业学院", short_name="泉海", code="QZOI", slug="qzoi")


@pytest.fixture
def xcb(institution):
    return Department.objects.create(institution=institution, name="宣传部", code="xcb", order=1)


@pytest.fixture
def xsc(institution):
    return Department.objects.create(institution=institution, name="学生处", code="xsc", order=2)


@pytest.fixture
def drafter(xcb):
    user = _person("drafter", "宣传部信息员")
    grant(user, Role.DRAFTER, department=xcb)
    return user


@pytest.fixture
def other_drafter(xsc):
    user = _person("other_drafter", "学生处信息员")
    grant(user, Role.DRAFTER, department=xsc)
    return user


@pytest.fixture
def checker(xcb):
    user = _person("checker", "宣传部审核人")
    grant(user, Role.CHECKER, department=xcb)
    return user


@pytest.fixture
def secrecy(institution):
    user = _person("secrecy", "保密审查员")
    grant(user, Role.SECRECY, institution=institution)
    return user


@pytest.fixture
def signer(institution):
    user = _person("signer", "签发人")
    grant(user, Role.SIGNER, institution=institution)
    return user


@pytest.fixture
def office(institution):
    user = _person("office", "党政办公室管理员")
    grant(user, Role.OFFICE_ADMIN, institution=institution)
    return user


@pytest.fixture
def supervisor(db):
    user = _person("supervisor", "省教育厅督查")
    grant(user, Role.SUPERVISOR)
    return user


@pytest.fixture
def other_office(other_institution):
    user = _person("other_office", "泉海办公室管理员")
    grant(user, Role.OFFICE_ADMIN, institution=other_institution)
    return user


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
