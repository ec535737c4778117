"""A letter's deadline is extended once, by the box's set number of working days, with a reason, and only
on or before its due date; a box may allow no extension at all."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from xxgk.oversight import services
from xxgk.oversight.models import Letter, SourceKind

RECEIVED = date(2024, 9, 27)  # due 2024-10-10: five working days over National Day (09-29 a make-up day)
DUE = date(2024, 10, 10)


def register(world, box=None):
    letter, _password = services.register_letter(
        world.office,
        box or world.president_box,
        source=SourceKind.PAPER,
        received_on=RECEIVED,
        subject="食堂价格",
        message="二食堂价格上涨。",
        writer_name="王五",
        writer_contact="0898-1234567",
    )
    return letter


def test_extension_adds_the_boxs_days_once_with_a_reason_and_an_event(world):
    letter = register(world)
    assert letter.due_on == DUE and letter.deadline_days == 5
    with pytest.raises(ValidationError, match="理由"):
        services.extend(world.office, letter, reason="", today=date(2024, 10, 8))
    letter = services.extend(world.office, letter, reason="需多部门会商", today=date(2024, 10, 8))
    # 10-11, 10-12 (a make-up Saturday), 10-14, 10-15, 10-16
    assert letter.due_on == date(2024, 10, 16) and letter.extended and letter.extension_days == 5
    event = letter.events.get(action="extended")
    assert event.actor == world.office and event.comment == "需多部门会商"
    assert event.data == {"old_due": "2024-10-10", "new_due": "2024-10-16", "days": 5}


def test_a_second_extension_is_refused(world):
    letter = services.extend(world.office, register(world), reason="需多部门会商", today=date(2024, 10, 8))
    with pytest.raises(ValidationError, match="已延期过一次"):
        services.extend(world.office, letter, reason="再延", today=date(2024, 10, 9))
    stored = Letter.objects.get(pk=letter.pk)
    assert stored.due_on == date(2024, 10, 16) and stored.events.filter(action="extended").count() == 1


def test_on_the_due_date_it_may_still_be_extended(world):
    letter = services.extend(world.office, register(world), reason="当天申请延期", today=DUE)
    assert letter.due_on == date(2024, 10, 16)


def test_after_the_due_date_it_is_refused(world):
    letter = register(world)
    with pytest.raises(ValidationError, match="已过"):
        services.extend(world.office, letter, reason="来不及了", today=date(2024, 10, 11))
    stored = Letter.objects.get(pk=letter.pk)
    assert stored.due_on == DUE and not stored.extended and not stored.events.filter(action="extended").exists()


def test_the_boxs_own_extension_days(world):
    services.update_mailbox(world.office, world.president_box, {"extension_days": 3})
    letter = services.extend(world.office, register(world), reason="需调查", today=date(2024, 10, 8))
    assert letter.due_on == date(2024, 10, 14) and letter.extension_days == 3  # 10-11, 10-12, 10-14


def test_a_box_that_allows_no_extension(world):
    box = services.update_mailbox(world.office, world.president_box, {"extension_allowed": False})
    with pytest.raises(ValidationError, match="不允许延期"):
        services.extend(world.office, register(world, box), reason="需调查", today=date(2024, 10, 8))
