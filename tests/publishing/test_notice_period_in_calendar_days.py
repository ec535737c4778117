"""公示 periods counted in calendar days (日) as well as working days (工作日): the record says which,
a new record starts with the data file's default, and the end moves when the kind changes."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from xxgk.publishing import notice_period, services
from xxgk.publishing.models import NoticeDayKind, Record
from xxgk.workcalendar.calendar import current_calendar

pytestmark = pytest.mark.django_db

NOTICE = {
    "title": "关于2024年国家奖学金评定结果的公示",
    "formed_on": date(2024, 9, 26),
    "is_notice": True,
    "notice_start": date(2024, 9, 27),
    "notice_days": 5,
    "objection_contact": "学生工作处，电话 0898-66660001",
}


def test_the_data_files_default_is_working_days(new_draft):
    assert notice_period.default_day_kind() == "workdays"
    record = new_draft(**NOTICE)
    assert record.notice_day_kind == NoticeDayKind.WORKDAYS
    assert record.notice_end == date(2024, 10, 9)  # 09-27, 09-29 (make-up), 09-30, 10-08, 10-09


def test_five_calendar_days_run_through_the_holiday(new_draft):
    record = new_draft(**NOTICE, notice_day_kind=NoticeDayKind.CALENDAR_DAYS)
    assert Record.objects.get(pk=record.pk).notice_end == date(2024, 10, 1)  # 09-27 … 10-01, start day counts


def test_changing_the_kind_moves_the_end(new_draft, drafter):
    record = new_draft(**NOTICE)
    record = services.update_draft(drafter, record, {"notice_day_kind": NoticeDayKind.CALENDAR_DAYS})
    assert Record.objects.get(pk=record.pk).notice_end == date(2024, 10, 1)
    record = services.update_draft(drafter, record, {"notice_day_kind": NoticeDayKind.WORKDAYS, "notice_days": 7})
    assert Record.objects.get(pk=record.pk).notice_end == date(2024, 10, 11)


def test_an_unknown_kind_is_refused(new_draft):
    with pytest.raises(ValidationError) as exc:
        new_draft(**NOTICE, notice_day_kind="weeks")
    assert "notice_day_kind" in exc.value.message_dict


def test_the_default_follows_the_data_file(new_draft, monkeypatch):
    monkeypatch.setattr(notice_period, "_data", lambda: {"default_day_kind": "calendar"})
    record = new_draft(**NOTICE)
    assert record.notice_day_kind == "calendar" and record.notice_end == date(2024, 10, 1)


@pytest.mark.parametrize(
    "kind, days, end",
    [
        ("calendar", 1, date(2024, 9, 27)),
        ("calendar", 7, date(2024, 10, 3)),
        ("workdays", 1, date(2024, 9, 27)),
        ("workdays", 7, date(2024, 10, 11)),
    ],
)
def test_the_end_date_function(kind, days, end):
    assert notice_period.notice_end(date(2024, 9, 27), days, kind, current_calendar()) == end
