"""公示: a notice runs for a number of working days counted from its first day, over weekends,
holidays and make-up workdays; its end date is worked out, never typed."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from xxgk.publishing import services
from xxgk.publishing.models import Record, RecordEvent
from xxgk.workcalendar.models import CalendarOverride

pytestmark = pytest.mark.django_db

NOTICE = {
    "title": "关于拟聘任中层干部的任前公示",
    "formed_on": date(2024, 9, 26),
    "is_notice": True,
    "objection_contact": "党政办公室，电话 0898-88651234",
}


@pytest.mark.parametrize(
    "days, end",
    [
        (1, date(2024, 9, 27)),  # the start day counts
        (2, date(2024, 9, 29)),  # Sunday 09-29 is a make-up workday before National Day
        (3, date(2024, 9, 30)),
        (4, date(2024, 10, 8)),  # 10-01 … 10-07 off
        (5, date(2024, 10, 9)),
    ],
)
def test_a_notice_starting_the_friday_before_national_day(new_draft, days, end):
    record = new_draft(**NOTICE, notice_start=date(2024, 9, 27), notice_days=days)

    assert record.notice_end == end
    assert Record.objects.get(pk=record.pk).notice_end == end


def test_changing_the_period_moves_the_end(new_draft, drafter):
    record = new_draft(**NOTICE, notice_start=date(2024, 9, 27), notice_days=5)

    record = services.update_draft(drafter, record, {"notice_days": 7})
    assert record.notice_end == date(2024, 10, 11)
    record = services.update_draft(drafter, record, {"notice_start": date(2024, 10, 8)})
    # 10-08 … 10-11, Saturday 10-12 (the second make-up workday), 10-14, 10-15
    assert Record.objects.get(pk=record.pk).notice_end == date(2024, 10, 15)


def test_a_correction_of_the_period_moves_the_end(new_draft, through_chain, signer):
    record = through_chain(new_draft(**NOTICE, notice_start=date(2024, 9, 27), notice_days=5))

    record = services.correct(signer, record, {"notice_days": 7}, reason="公示期应为7个工作日")

    assert Record.objects.get(pk=record.pk).notice_end == date(2024, 10, 11)


def test_an_office_override_is_taken_into_account(new_draft):
    CalendarOverride.objects.create(date=date(2024, 9, 30), is_workday=False, note="台风停课")

    record = new_draft(**NOTICE, notice_start=date(2024, 9, 27), notice_days=5)

    assert record.notice_end == date(2024, 10, 10)


def test_a_record_that_is_not_a_notice_has_no_end(new_draft):
    assert new_draft().notice_end is None


@pytest.mark.parametrize("missing", [{"notice_days": None}, {"notice_days": 0}, {"notice_start": None}])
def test_a_notice_without_its_period_is_refused(new_draft, missing):
    content = {**NOTICE, "notice_start": date(2024, 9, 27), "notice_days": 5, **missing}

    with pytest.raises(ValidationError) as info:
        new_draft(**content)

    assert "公示信息须填写公示开始日期和公示期（天数）" in " ".join(info.value.messages)
    assert not Record.objects.filter(title=NOTICE["title"]).exists()


def test_turning_a_draft_into_a_notice_without_a_period_is_refused(new_draft, drafter):
    record = new_draft()
    with pytest.raises(ValidationError):
        services.update_draft(drafter, record, {"is_notice": True, "notice_start": date(2024, 9, 27)})
    assert not Record.objects.get(pk=record.pk).is_notice


def test_clearing_the_period_of_an_existing_notice_is_refused(new_draft, drafter):
    record = new_draft(**NOTICE, notice_start=date(2024, 9, 27), notice_days=5)
    events = RecordEvent.objects.filter(record=record).count()

    with pytest.raises(ValidationError):
        services.update_draft(drafter, record, {"notice_days": None})

    fresh = Record.objects.get(pk=record.pk)
    assert (fresh.notice_days, fresh.notice_end) == (5, date(2024, 10, 9))
    assert RecordEvent.objects.filter(record=record).count() == events
