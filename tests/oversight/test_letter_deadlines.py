"""Deadlines in working days: across National Day and the Spring Festival, a box's own term, transfers
(the one extension is in test_letter_extension.py)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from xxgk.oversight import services
from xxgk.oversight.models import SourceKind
from xxgk.workcalendar.models import CalendarOverride


def register(world, box=None, **extra):
    data = {
        "source": SourceKind.PAPER,
        "received_on": date(2024, 9, 27),
        "subject": "食堂价格",
        "message": "二食堂价格上涨。",
        "writer_name": "王五",
        "writer_contact": "0898-1234567",
    }
    data.update(extra)
    return services.register_letter(world.office, box or world.president_box, **data)


def test_five_working_days_skip_national_day_and_count_the_makeup_sunday(world):
    letter, _ = register(world)
    assert letter.due_on == date(2024, 10, 10)


def test_spring_festival(world):
    letter, _ = register(world, received_on=date(2024, 2, 8))
    assert letter.due_on == date(2024, 2, 21)


def test_office_override_moves_the_deadline(world):
    CalendarOverride.objects.create(date=date(2024, 10, 8), is_workday=False, note="台风停课")
    letter, _ = register(world)
    assert letter.due_on == date(2024, 10, 11)


def test_box_deadline_is_its_own(world):
    world.president_box.deadline_days = 3
    world.president_box.save()
    letter, _ = register(world)
    assert letter.due_on == date(2024, 10, 8)


def test_transfer_keeps_the_senders_deadline_and_cannot_be_extended(world):
    letter, _ = register(
        world, source=SourceKind.HOTLINE, external_ref="QZ12345-20240927-0001", external_due=date(2024, 9, 30)
    )
    assert letter.due_on == date(2024, 9, 30) and letter.is_transfer
    with pytest.raises(ValidationError, match="转办单位"):
        services.extend(world.office, letter, reason="来不及", today=date(2024, 9, 28))


def test_transfer_needs_its_reference_and_deadline(world):
    with pytest.raises(ValidationError) as exc:
        register(world, source=SourceKind.PETITION)
    assert "external_ref" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        register(world, source=SourceKind.PETITION, external_ref="FJXF-1")
    assert "external_due" in exc.value.message_dict


def test_received_date_cannot_be_in_the_future(world):
    with pytest.raises(ValidationError):
        register(world, received_on=date(2099, 1, 1))
