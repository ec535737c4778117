"""between() as the 20-working-day publication check (《条例》第二十六条)."""

from datetime import date

from xxgk.workdays import Calendar

cal = Calendar()


def test_record_formed_before_spring_festival():
    # 1/26 (1), 1/29–2/2 (6), Sun 2/4 (7), 2/5–2/9 (12), 2/10–17 off,
    # Sun 2/18 (13), 2/19–23 (18), Mon 2/26 (19). A plain Mon–Fri count says 22.
    count = cal.between(date(2024, 1, 25), date(2024, 2, 26))
    assert count.working_days == 19
    assert count.working_days <= 20  # published in time
    assert count.certain


def test_same_day_and_reversed_are_zero():
    assert cal.between(date(2024, 2, 26), date(2024, 2, 26)).working_days == 0
    assert cal.between(date(2024, 2, 26), date(2024, 1, 25)).working_days == 0


def test_between_undoes_add():
    start = date(2024, 9, 20)
    for n in (1, 5, 15, 20):
        assert cal.between(start, cal.add(start, n).date).working_days == n
