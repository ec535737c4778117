"""Due dates from the day of receipt (高校 rule: 15 working days, counted from the next day), 2024 official calendar."""

from datetime import date

from xxgk.foi.loader import new_ruleset, rules_for


def test_received_on_a_makeup_saturday_counts_from_the_sunday(received):
    # 2024-10-12 is a Saturday worked in lieu of National Day; counting starts on 10-13 (Sunday, off),
    # so day 1 is Monday 10-14 and day 15 is Friday 11-01.
    app = received(on=date(2024, 10, 12))
    assert app.received_on == date(2024, 10, 12)
    assert app.due_on == date(2024, 11, 1)


def test_received_the_friday_before_the_makeup_saturday_counts_it(received):
    # Received Friday 10-11: the make-up Saturday 10-12 is day 1, so day 15 is Thursday 10-31.
    assert received(on=date(2024, 10, 11)).due_on == date(2024, 10, 31)


def test_an_application_spanning_the_national_day_week(received):
    # Received Friday 2024-09-27. 09-28 (Sat) off; 09-29 (Sun, make-up) day 1; 09-30 day 2;
    # 10-01..07 holiday; 10-08..11 days 3-6; 10-12 (Sat, make-up) day 7; 10-14..18 days 8-12; 10-21..23 days 13-15.
    assert received(on=date(2024, 9, 27)).due_on == date(2024, 10, 23)


def test_government_rule_set_allows_twenty_working_days(world, received):
    rules = rules_for(world.institution)
    gov = new_ruleset(world.institution, "government")
    for field in ("preset", "label", "days", "extension_days", "correction_days"):
        setattr(rules, field, getattr(gov, field))
    rules.save()
    # 2024-03-01 (Fri): 03-04..29 are 20 working days.
    assert received(on=date(2024, 3, 1)).due_on == date(2024, 3, 29)


def test_counting_from_the_day_of_receipt_is_configurable(world, received):
    rules = rules_for(world.institution)
    rules.count_from_next_day = False
    rules.save()
    # 2024-03-01 itself is day 1: 03-01, 03-04..08, 03-11..15, 03-18..21 -> day 15 is 03-21.
    assert received(on=date(2024, 3, 1)).due_on == date(2024, 3, 21)


def test_university_is_the_default_rule_set(world):
    rules = rules_for(world.institution)
    assert (rules.days, rules.extension_days, rules.count_from_next_day) == (15, 15, True)
