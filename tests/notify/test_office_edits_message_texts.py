"""The office turns a kind of message off or edits its text; only for its own institution."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xxgk.notify import services
from xxgk.notify.models import Message


def _queue(world, institution=None):
    return services.queue(
        "oversight.received",
        institution=institution or world.institution,
        to="a@example.org",
        about=world.institution,
        context={"letter": {"code": "XJ-3", "subject": "图书馆开放时间"}},
    )


def test_turned_off_kind_is_not_sent(world):
    services.update_setting(world.office, world.institution, "oversight.received", enabled=False, subject="x", body="y")
    assert _queue(world) is None
    assert Message.objects.count() == 0
    assert _queue(world, world.other_institution) is not None  # another school still sends it


def test_edited_text_is_used_and_reset_restores_the_default(world):
    services.update_setting(
        world.office,
        world.institution,
        "oversight.received",
        enabled=True,
        subject="来信回执 {{ letter.code }}",
        body="您的来信《{{ letter.subject }}》已登记。",
    )
    message = _queue(world)
    assert message.subject == "来信回执 XJ-3"
    assert message.body == "您的来信《图书馆开放时间》已登记。\n"
    services.reset_setting(world.office, world.institution, "oversight.received")
    assert _queue(world).subject == f"{world.institution.name}已收到您的来信（XJ-3）"


def test_a_text_that_does_not_compile_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.update_setting(
            world.office, world.institution, "oversight.received", enabled=True, subject="ok", body="{% if %}"
        )
    assert "body" in exc.value.message_dict


@pytest.mark.parametrize("person", ["drafter_a", "checker_a", "secrecy", "signer", "other_office", "supervisor"])
def test_only_the_institutions_office_edits(world, person):
    with pytest.raises(PermissionDenied):
        services.update_setting(
            world.people[person], world.institution, "oversight.received", enabled=False, subject="x", body="y"
        )
