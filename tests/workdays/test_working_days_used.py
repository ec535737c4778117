"""working_days_used: the working days an application's clock ran until it was closed, paused days left out."""

from datetime import date

from xxgk.workdays import Calendar, working_days_used

cal = Calendar()


def test_counts_the_working_days_after_the_clock_start_up_to_the_end():
    # clock starts Fri 03-01; Mon 03-04 .. Fri 03-08 are the five working days
    assert working_days_used(date(2024, 3, 1), date(2024, 3, 8), calendar=cal).working_days == 5


def test_the_national_day_week_and_its_makeup_sunday():
    # from Fri 09-27: Sun 09-29 (makeup workday), Mon 09-30, then 10-01..07 off, Tue 10-08
    count = working_days_used(date(2024, 9, 27), date(2024, 10, 8), calendar=cal)
    assert (count.working_days, count.certain) == (3, True)


def test_paused_days_do_not_count_start_and_end_included():
    pauses = [(date(2024, 3, 5), date(2024, 3, 6))]
    assert working_days_used(date(2024, 3, 1), date(2024, 3, 8), pauses=pauses, calendar=cal).working_days == 3


def test_an_open_pause_stops_the_count_from_its_start():
    pauses = [(date(2024, 3, 7), None)]
    assert working_days_used(date(2024, 3, 1), date(2024, 3, 15), pauses=pauses, calendar=cal).working_days == 3


def test_closing_on_the_day_the_clock_started_or_before_it_is_zero():
    assert working_days_used(date(2024, 3, 8), date(2024, 3, 8), calendar=cal).working_days == 0
    assert working_days_used(date(2024, 3, 8), date(2024, 3, 1), calendar=cal).working_days == 0


def test_days_the_calendar_has_to_guess_are_reported():
    count = working_days_used(date(2003, 1, 1), date(2003, 1, 5), calendar=cal)
    assert not count.certain and date(2003, 1, 2) in count.unknown_dates
    count = working_days_used(date(2099, 1, 1), date(2099, 1, 5), calendar=cal)
    assert not count.certain and count.unknown_dates == () and date(2099, 1, 2) in count.provisional_dates


def test_an_override_wins():
    count = working_days_used(date(2024, 3, 1), date(2024, 3, 8), calendar=Calendar({date(2024, 3, 4): False}))
    assert count.working_days == 4
