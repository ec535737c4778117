"""Before a record is published, whoever decides (the person who can publish, and the 签发人 at 审签) is told
the last day the institution's limit allows and what publishing today means: late by N working days, or
N working days left (暂定 when the due date rests on a year whose arrangement is not out). Nobody else is."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from xxgk.publishing import services
from xxgk.publishing.timeliness import outlook
from xxgk.workcalendar.calendar import calendar_for

from ..publishing.conftest import beijing

pytestmark = pytest.mark.django_db


@pytest.fixture
def today_is(monkeypatch):
    """Make `timezone.localdate()` (no argument) answer a fixed day."""
    real = timezone.localdate

    def set_today(day: date):
        monkeypatch.setattr(
            timezone, "localdate", lambda value=None, tz=None: day if value is None else real(value, tz)
        )

    return set_today


def _at_signing(world, formed: date):
    record = world.draft(formed_on=formed)
    record = services.submit(world.drafter_a, record)
    record = services.approve(world.checker_a, record)
    return services.approve(world.secrecy, record)  # now at 审签, the signer's step


def _page(client, person, record) -> str:
    client.force_login(person)
    response = client.get(reverse("workbench:record", args=[record.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_outlook_counts_as_timeliness_counts(world):
    # formed 2024-01-10: 20 working days run to 2024-02-06 (春节 2-10…2-17 off, Sunday 2-4 worked)
    late = outlook(world.draft(formed_on=date(2024, 1, 10)), calendar_for(world.institution), date(2024, 2, 26))
    assert (late.due_on, late.elapsed, late.late_by, late.left, late.provisional) == (
        date(2024, 2, 6),
        30,
        10,
        0,
        False,
    )
    early = outlook(world.draft(formed_on=date(2024, 2, 1)), calendar_for(world.institution), date(2024, 2, 26))
    assert (early.late_by, early.left) == (0, 6)


def test_the_signer_at_signing_is_told_it_is_late(client, world, today_is):
    today_is(date(2024, 2, 26))
    record = _at_signing(world, date(2024, 1, 10))
    page = _page(client, world.signer, record)
    assert 'id="timeliness-outlook"' in page
    assert "按本校规定应于 2024-02-06 前公开，今天发布已超期 10 个工作日" in page
    assert 'class="warning"' in page
    for bystander in (world.drafter_a, world.checker_a, world.secrecy):
        assert "timeliness-outlook" not in _page(client, bystander, record)


def test_the_publisher_is_told_the_days_left(client, world, today_is):
    today_is(date(2024, 2, 26))
    record = services.approve(world.signer, _at_signing(world, date(2024, 2, 1)))
    for publisher in (world.signer, world.office):
        page = _page(client, publisher, record)
        assert "按本校规定应于 2024-03-05 前公开，距公开期限还有 6 个工作日" in page
        assert "今天发布已超期" not in page
    assert "timeliness-outlook" not in _page(client, world.drafter_a, record)


def test_a_provisional_due_date_carries_the_badge(client, world, today_is):
    today_is(date(2028, 1, 10))
    record = _at_signing(world, date(2027, 12, 20))
    page = _page(client, world.signer, record)
    outlook_html = page.split('id="timeliness-outlook"', 1)[1].split("</ul>", 1)[0]
    assert "距公开期限还有" in outlook_html and "暂定" in outlook_html


def test_once_published_only_the_verdict_is_shown(client, world, today_is):
    today_is(date(2024, 2, 26))
    record = services.approve(world.signer, _at_signing(world, date(2024, 1, 10)))
    record = services.publish(world.signer, record, at=beijing(2024, 2, 26))
    page = _page(client, world.signer, record)
    assert "timeliness-outlook" not in page
    assert "超过 20 个工作日的时限" in page
