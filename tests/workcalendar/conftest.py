"""Open deadlines of both apps, in both institutions, for the calendar-change tests."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from tests.foi.conftest import applicant
from xxgk.foi import services as foi
from xxgk.oversight import services as oversight
from xxgk.oversight.models import MailboxKind, SourceKind


def received(institution, on: date, **fields):
    return foi.submit_online(institution, applicant(**fields), today=on).application


def letter(world, box, on: date):
    found, _password = oversight.register_letter(
        world.office,
        box,
        source=SourceKind.PAPER,
        received_on=on,
        subject="宿舍热水",
        message="热水供应时间太短。",
        writer_name="王五",
        writer_contact="0898-1234567",
    )
    return found


@pytest.fixture
def admin(db):
    """The platform administrator: a superuser with no role in any institution."""
    return get_user_model().objects.create_superuser("platform", password="pw-platform")


@pytest.fixture
def box(world):
    """20 working days to answer, so that a letter received before today (2026-12) is due in 2027."""
    return oversight.create_mailbox(
        world.office,
        world.institution,
        name="校长信箱",
        kind=MailboxKind.PRESIDENT,
        deadline_days=20,
    )
