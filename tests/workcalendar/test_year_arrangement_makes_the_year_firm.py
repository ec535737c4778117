"""Entering a year's official arrangement makes the year firm and recomputes open deadlines with an event."""

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.workcalendar.conftest import received
from xxgk.foi.models import EventAction
from xxgk.workcalendar import services
from xxgk.workcalendar.calendar import current_calendar, is_provisional
from xxgk.workcalendar.dates import parse_dates

# a made-up 2027 arrangement: 元旦 01-01 to 01-03, make-up Saturday 01-09 … and 01-04 off
REST = parse_dates("2027-01-01~2027-01-04, 2027-02-05～2027-02-12")
WORK = parse_dates("2027-01-09, 2027-02-20")


def test_the_year_turns_firm_and_open_due_dates_follow_it(world, admin):
    app = received(world.institution, date(2026, 12, 18))
    assert (app.due_on, app.due_certain) == (date(2027, 1, 11), False) and is_provisional(app.due_on)

    services.enter_arrangement(admin, 2027, rest_days=REST, workdays=WORK, note="国务院办公厅通知（假设）")

    assert current_calendar().year_status(2027) == "firm" and not is_provisional(date(2027, 1, 11))
    app.refresh_from_db()
    # 12-21 … 12-31 (9), 01-05 … 01-08 (13), 01-09 Saturday (14), 01-11 (15): same day, now firm
    assert (app.due_on, app.due_certain) == (date(2027, 1, 11), True)
    event = app.events.get(action=EventAction.DEADLINE_RECOMPUTED)
    assert event.data["due_on"] == ["2027-01-11", "2027-01-11"] and event.data["provisional"] is False


def test_dates_must_be_in_the_year_and_not_both(world, admin):
    with pytest.raises(ValidationError):
        services.enter_arrangement(admin, 2027, rest_days=[date(2028, 1, 1)], workdays=[], note="x")
    with pytest.raises(ValidationError):
        services.enter_arrangement(admin, 2027, rest_days=REST, workdays=[date(2027, 1, 4)], note="x")
    with pytest.raises(ValidationError):
        services.enter_arrangement(admin, 2027, rest_days=REST, workdays=[date(2027, 1, 6)], note="x")  # a Wednesday


def test_the_command_enters_it(world, admin):
    out = StringIO()
    call_command(
        "calendar_year",
        "2027",
        "--rest",
        "2027-01-01~2027-01-04,2027-02-05~2027-02-12",
        "--work",
        "2027-01-09 2027-02-20",
        "--note",
        "通知（假设）",
        "--as",
        "platform",
        stdout=out,
    )
    assert out.getvalue().strip() == "2027 年放假安排已录入：放假 12 天，调休上班 2 天。"
    assert current_calendar().year_status(2027) == "firm"
    with pytest.raises(CommandError, match="只有平台管理员或督查"):
        call_command("calendar_year", "2028", "--rest", "2028-01-01", "--note", "x", "--as", "office")
    with pytest.raises(CommandError, match="不是日期"):
        call_command("calendar_year", "2028", "--rest", "2028-13", "--note", "x", "--as", "platform")
