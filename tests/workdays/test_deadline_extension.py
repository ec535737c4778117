"""Extension: 高校 15+15, 政府条例 20+20."""

from datetime import date

from xxgk.workdays import Calendar, compute_due, preset

cal = Calendar()
RECEIVED = date(2024, 3, 1)


def test_university_extension_adds_fifteen():
    due = compute_due(RECEIVED, preset("university"), extended=True, calendar=cal)
    # 3/22 (15), 3/25–29 (20), 4/1–3 (23), 4/4–6 清明, Sun 4/7 (24), 4/8–12 (29), 4/15 (30)
    assert due.date == date(2024, 4, 15)
    assert due.working_days_allowed == 30
    assert due.date == cal.add(date(2024, 3, 22), 15).date


def test_government_twenty_plus_twenty():
    rule = preset("government")
    assert compute_due(RECEIVED, rule, calendar=cal).date == date(2024, 3, 29)
    due = compute_due(RECEIVED, rule, extended=True, calendar=cal)
    # from 3/29: 4/1–3 (3), Sun 4/7 (4), 4/8–26 (19), Sun 4/28 make-up day (20)
    assert due.date == date(2024, 4, 28)
    assert due.working_days_allowed == 40


def test_not_extended_by_default():
    due = compute_due(RECEIVED, preset("university"), calendar=cal)
    assert due.working_days_allowed == 15 and due.date == date(2024, 3, 22)
