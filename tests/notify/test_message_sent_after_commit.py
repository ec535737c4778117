"""A message is written with the change it reports and sent only once that change has committed."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from xxgk.notify import services
from xxgk.notify.models import Message, State


@pytest.fixture
def about(world):
    return world.institution  # any saved object will do


def _queue(world, about, to="a@example.org"):
    return services.queue(
        "oversight.received",
        institution=world.institution,
        to=to,
        about=about,
        context={"letter": {"code": "XJ-1", "subject": "食堂价格"}},
    )


@pytest.mark.django_db(transaction=True)
def test_sent_when_the_transaction_commits(world, about):
    with transaction.atomic():
        message = _queue(world, about)
        assert mail.outbox == []  # not yet: the change could still roll back
    message.refresh_from_db()
    assert message.state == State.SENT and message.sent_at is not None and message.attempts == 1
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["a@example.org"]
    assert sent.subject == f"{world.institution.name}已收到您的来信（XJ-1）"
    assert "食堂价格" in sent.body


@pytest.mark.django_db(transaction=True)
def test_nothing_written_or_sent_when_the_change_rolls_back(world, about):
    with pytest.raises(RuntimeError), transaction.atomic():
        _queue(world, about)
        raise RuntimeError("the change failed")
    assert Message.objects.count() == 0
    assert mail.outbox == []


def test_no_recipient_no_message(world, about):
    assert _queue(world, about, to="  ") is None
    assert Message.objects.count() == 0


def test_messages_are_listed_about_their_case(world, about):
    first = _queue(world, about)
    second = _queue(world, about, to="b@example.org")
    _queue(world, world.other_institution)
    assert list(Message.objects.about(about)) == [second, first]


def test_plain_text_is_not_html_escaped(world, about):
    message = services.queue(
        "oversight.received",
        institution=world.institution,
        to="a@example.org",
        about=about,
        context={"letter": {"code": "X", "subject": '<食堂> & "价格"'}},
    )
    assert '<食堂> & "价格"' in message.body
