"""A failed attempt is recorded and tried again later, up to the last attempt; then it shows as failed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from xxgk.notify import services
from xxgk.notify.models import Message, State

BROKEN = "tests.notify.broken_backend.RefusingBackend"


@pytest.fixture
def message(world, settings):
    settings.XXGK_MESSAGES_SEND_AFTER_COMMIT = False
    return services.queue(
        "oversight.replied",
        institution=world.institution,
        to="writer@example.org",
        about=world.institution,
        context={"letter": {"code": "XJ-2", "subject": "宿舍"}},
    )


def test_failure_is_recorded_and_retried_after_a_wait(message, settings):
    settings.EMAIL_BACKEND = BROKEN
    now = timezone.now()
    after = services.deliver(message.pk, now=now)
    assert after.state == State.QUEUED and after.attempts == 1
    assert "550 mailbox unavailable" in after.last_error
    assert after.next_attempt_at == now + timedelta(seconds=services.BACKOFF_SECONDS[0])
    # not due yet: nothing happens
    assert services.deliver_due(now=now + timedelta(seconds=30)) == {"sent": 0, "queued": 0, "failed": 0}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.deliver_due(now=now + timedelta(seconds=61)) == {"sent": 1, "queued": 0, "failed": 0}
    message.refresh_from_db()
    assert message.state == State.SENT and message.attempts == 2 and message.last_error == ""
    assert len(mail.outbox) == 1


def test_failed_after_the_last_attempt(message, settings):
    settings.EMAIL_BACKEND = BROKEN
    settings.XXGK_MESSAGE_ATTEMPTS = 3
    now = timezone.now()
    for _ in range(3):
        services.deliver_due(now=now)
        now += timedelta(days=1)
    message.refresh_from_db()
    assert message.state == State.FAILED and message.attempts == 3
    assert services.deliver_due(now=now + timedelta(days=30)) == {"sent": 0, "queued": 0, "failed": 0}


def test_a_claimed_message_is_not_sent_twice(message):
    now = timezone.now()
    assert services._claim(message.pk, now) is not None
    assert services.deliver(message.pk, now=now) is None  # a second sender at the same moment leaves it
    assert mail.outbox == []


def test_office_sends_a_failed_message_again(world, message, settings):
    Message.objects.filter(pk=message.pk).update(state=State.FAILED, attempts=6, last_error="timeout")
    with pytest.raises(PermissionDenied):
        services.retry(world.drafter_a, message)
    with pytest.raises(PermissionDenied):
        services.retry(world.other_office, message)
    services.retry(world.office, message)
    message.refresh_from_db()
    assert message.state == State.QUEUED and message.attempts == 0
    assert services.deliver_due()["sent"] == 1
    with pytest.raises(ValidationError):
        services.retry(world.office, Message.objects.get(pk=message.pk))  # sent: nothing to retry
