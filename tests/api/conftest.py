from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import timezone

from tests.personas import build_world
from xxgk.api import tokens
from xxgk.publishing import services as publishing
from xxgk.reporting.models import AnnualReport


@pytest.fixture
def world(db, settings):
    settings.XXGK_SCREENING_BACKGROUND = False
    return build_world()


@pytest.fixture
def published(world):
    """Two published records of hblg (one the 2022–2023 annual report) and one of the other school."""
    at = timezone.make_aware(datetime(2023, 10, 20, 9))
    office = world.people["office"]
    news = publishing.import_published(
        office,
        world.dept_a,
        {"title": "学校召开安全工作会议", "formed_on": date(2023, 5, 4), "body": "<p>会议内容。</p>"},
        published_at=timezone.make_aware(datetime(2023, 5, 4, 9)),
        source={},
    )
    report = publishing.import_published(
        office,
        world.dept_a,
        {"title": "2022—2023学年信息公开工作年度报告", "formed_on": date(2023, 10, 20)},
        published_at=at,
        source={},
    )
    AnnualReport.objects.create(
        institution=world.institution, period_start=date(2022, 9, 1), period_end=date(2023, 8, 31), record=report
    )
    from xxgk.org.models import Department

    other_dept = Department.objects.get(institution=world.other_institution)
    foreign = publishing.import_published(
        world.people["other_office"],
        other_dept,
        {"title": "外校信息", "formed_on": date(2023, 5, 4)},
        published_at=at,
        source={},
    )
    return {"news": news, "report": report, "foreign": foreign}


@pytest.fixture
def keys(world):
    """Keys of tokens: each scope of the institution, the department's, and one revoked."""
    office = world.people["office"]
    out = {}
    for scope in ("drafts", "applications", "statistics"):
        out[scope] = tokens.issue(office, world.institution, name=f"t-{scope}", scopes=[scope])[1]
    out["dept"] = tokens.issue(office, world.institution, name="dept", scopes=["drafts"], department=world.dept_a)[1]
    token, key = tokens.issue(office, world.institution, name="old", scopes=["drafts", "statistics"])
    tokens.revoke(office, token)
    out["revoked"] = key
    out["other"] = tokens.issue(world.people["other_office"], world.other_institution, name="o", scopes=["drafts"])[1]
    return out


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}
