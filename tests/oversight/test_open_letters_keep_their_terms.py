"""A letter keeps the deadline its box had when it arrived: changing the box moves only later letters,
and recomputing on a changed calendar uses the letter's own terms (`letter_deadlines.letter_due_on`)."""

from datetime import date

from xxgk.oversight import services
from xxgk.oversight.letter_deadlines import letter_due_on
from xxgk.oversight.models import Letter, Mailbox, SourceKind
from xxgk.workcalendar.calendar import current_calendar
from xxgk.workcalendar.models import CalendarOverride


def register(world, received_on=date(2024, 9, 27), **extra):
    letter, _password = services.register_letter(
        world.office,
        Mailbox.objects.get(pk=world.president_box.pk),  # as a request reads it
        source=extra.pop("source", SourceKind.PAPER),
        received_on=received_on,
        subject="图书馆开放时间",
        message="希望周末延长开放。",
        writer_name="李四",
        writer_contact="13800000000",
        **extra,
    )
    return letter


def test_a_change_to_the_box_moves_only_later_letters(world):
    before = register(world)
    services.update_mailbox(world.office, world.president_box, {"deadline_days": 3})
    after = register(world)
    assert Letter.objects.get(pk=before.pk).due_on == date(2024, 10, 10) and before.deadline_days == 5
    assert after.due_on == date(2024, 10, 8) and after.deadline_days == 3
    assert letter_due_on(Letter.objects.get(pk=before.pk), current_calendar()) == date(2024, 10, 10)


def test_recomputed_on_a_new_calendar_with_its_own_terms_and_extension(world):
    letter = services.extend(world.office, register(world), reason="会商", today=date(2024, 10, 9))
    assert letter.due_on == date(2024, 10, 16)
    services.update_mailbox(world.office, world.president_box, {"deadline_days": 10, "extension_days": 10})
    CalendarOverride.objects.create(date=date(2024, 10, 8), is_workday=False, note="台风停课")
    assert letter_due_on(Letter.objects.get(pk=letter.pk), current_calendar()) == date(2024, 10, 17)


def test_a_transfer_is_due_when_the_sender_says(world):
    letter = register(world, source=SourceKind.HOTLINE, external_ref="QZ-1", external_due=date(2024, 9, 30))
    assert letter.deadline_days is None
    CalendarOverride.objects.create(date=date(2024, 9, 30), is_workday=False, note="停课")
    assert letter_due_on(letter, current_calendar()) == date(2024, 9, 30)
