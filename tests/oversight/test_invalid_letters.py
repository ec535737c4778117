"""Invalid letters are closed with a stated reason and are left out of the reply rate."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.oversight.conftest import write
from xxgk.oversight import services, stats
from xxgk.oversight.models import LetterState


def test_box_requiring_contact_refuses_an_anonymous_web_letter(world):
    with pytest.raises(ValidationError) as exc:
        write(world.president_box, writer_name="", writer_contact="")
    assert "联系方式" in str(exc.value)


def test_closing_needs_one_of_the_reasons(world):
    letter, _ = write(world.president_box)
    with pytest.raises(ValidationError):
        services.close_invalid(world.office, letter, reason="because")
    letter = services.close_invalid(world.office, letter, reason="duplicate", note="与第3号来信重复")
    assert letter.state == LetterState.INVALID
    assert letter.invalid_reason_label == "办理期内重复来信"
    assert letter.events.last().comment == "与第3号来信重复"


def test_a_routed_letter_can_no_longer_be_closed_as_invalid(world):
    from django.core.exceptions import PermissionDenied

    letter, _ = write(world.president_box)
    letter = services.route(world.office, letter, world.hq)
    with pytest.raises(PermissionDenied):
        services.close_invalid(world.office, letter, reason="unclear")


def test_invalid_letters_do_not_lower_the_reply_rate(world):
    a, _ = write(world.president_box)
    b, _ = write(world.president_box)
    b = services.close_invalid(world.office, b, reason="out_of_scope")
    a = services.reply_directly(world.office, a)
    a = services.draft_reply(world.office, a, text="答复")
    a = services.check_wording(world.office, a)
    a = services.send_reply(world.office, a)
    today = a.received_on
    total = stats.reply_total(world.institution, date(2000, 1, 1), today)
    assert (total.received, total.invalid, total.valid, total.replied, total.reply_rate) == (2, 1, 1, 1, 100.0)
