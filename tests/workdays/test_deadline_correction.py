"""补正: the clock restarts on the day the supplemented application arrives."""

from datetime import date

from xxgk.workdays import Calendar, compute_due, preset

cal = Calendar()
UNIVERSITY = preset("university")


def test_clock_restarts_from_the_supplement():
    received, supplemented = date(2024, 3, 1), date(2024, 3, 11)
    assert compute_due(received, UNIVERSITY, calendar=cal).date == date(2024, 3, 22)
    due = compute_due(received, UNIVERSITY, clock_start=supplemented, calendar=cal)
    # 3/12–15 (4), 3/18–22 (9), 3/25–29 (14), 4/1 (15)
    assert due.date == date(2024, 4, 1)
    assert due.clock_start == supplemented
    assert due.working_days_allowed == 15


def test_correction_notice_period_is_data():
    # 《条例》第三十条: tell the applicant within 7 working days of receipt.
    notice_by = cal.add(date(2024, 9, 27), UNIVERSITY.correction_notice_days).date
    # 9/29 (1), 9/30 (2), 10/8–11 (6), Sat 10/12 (7)
    assert notice_by == date(2024, 10, 12)
