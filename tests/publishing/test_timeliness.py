"""时效: was a record published within the institution's limit (20 working days by default) of being
formed? Counted on the official calendar with 调休, the office's overrides, and a warning for dates
the calendar does not know."""

from __future__ import annotations

from datetime import date

import pytest

from xxgk.org.services import update_institution
from xxgk.publishing.timeliness import timeliness
from xxgk.workcalendar.calendar import current_calendar
from xxgk.workcalendar.models import CalendarOverride

from .conftest import beijing

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_on(new_draft, through_chain):
    """A record formed on `formed` and published at `at` (Beijing time)."""

    def make(formed: date, at):
        return through_chain(new_draft(formed_on=formed), at=at)

    return make


def test_across_the_spring_festival_19_working_days_is_on_time(published_on):
    # 2024: 春节 02-10…02-17 off; Sunday 02-04 and Sunday 02-18 are make-up workdays
    record = published_on(date(2024, 1, 25), beijing(2024, 2, 26))

    result = timeliness(record, current_calendar())

    assert (result.working_days, result.limit, result.on_time) == (19, 20, True)
    assert result.warning is None


def test_formed_before_the_new_year_holiday_run_up_it_is_late(published_on):
    record = published_on(date(2024, 1, 10), beijing(2024, 2, 26))

    result = timeliness(record, current_calendar())

    assert result.working_days == 30
    assert not result.on_time


@pytest.mark.parametrize(
    "formed, days, on_time",
    [
        (date(2024, 1, 24), 20, True),  # exactly the limit
        (date(2024, 1, 23), 21, False),  # one day over
    ],
)
def test_the_limit_itself_is_still_on_time(published_on, formed, days, on_time):
    result = timeliness(published_on(formed, beijing(2024, 2, 26)), current_calendar())
    assert (result.working_days, result.on_time) == (days, on_time)


def test_the_publication_day_is_the_beijing_date(published_on):
    # 07:30 on 02-26 in Beijing is still 02-25 (a Sunday) in UTC
    record = published_on(date(2024, 1, 25), beijing(2024, 2, 26, 7, 30))
    assert timeliness(record, current_calendar()).working_days == 19


def test_an_office_override_making_a_workday_a_holiday_takes_one_day_off(published_on):
    record = published_on(date(2024, 1, 25), beijing(2024, 2, 26))
    CalendarOverride.objects.create(date=date(2024, 2, 1), is_workday=False, note="台风停课")

    assert timeliness(record, current_calendar()).working_days == 18


def test_an_office_override_making_a_holiday_a_workday_adds_one_day(published_on):
    record = published_on(date(2024, 1, 24), beijing(2024, 2, 26))
    assert timeliness(record, current_calendar()).on_time
    CalendarOverride.objects.create(date=date(2024, 2, 10), is_workday=True, note="春节值班")

    result = timeliness(record, current_calendar())
    assert (result.working_days, result.on_time) == (21, False)


def test_the_office_sets_the_limit(published_on, institution, office):
    update_institution(office, institution, timeliness_days=15)
    record = published_on(date(2024, 1, 25), beijing(2024, 2, 26))

    result = timeliness(record, current_calendar())
    assert (result.working_days, result.limit, result.on_time) == (19, 15, False)


def test_dates_beyond_the_official_calendar_are_provisional(published_on):
    record = published_on(date(2026, 11, 20), beijing(2027, 1, 5))

    result = timeliness(record, current_calendar())

    assert result.warning is not None
    assert result.warning.startswith("暂定：2027年的放假安排尚未公布")
    assert result.provisional_dates[:3] == (date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 3))
    assert result.unknown_dates == ()


def test_once_the_office_enters_those_dates_the_warning_goes(published_on):
    record = published_on(date(2026, 11, 20), beijing(2027, 1, 5))
    before = timeliness(record, current_calendar()).working_days
    for day, workday in [(1, False), (2, False), (3, False), (4, True), (5, True)]:
        CalendarOverride.objects.create(date=date(2027, 1, day), is_workday=workday, note="2027年元旦")

    result = timeliness(record, current_calendar())
    assert result.working_days == before  # the statutory rule already took 元旦 (a Friday) for a holiday
    assert result.warning is None  # every 2027 day counted is now set by hand


def test_an_unpublished_record_has_no_timeliness_yet(new_draft):
    assert timeliness(new_draft(), current_calendar()) is None
