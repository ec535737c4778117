"""A message is sent by a job queued with it: both commit or roll back with the change they report; the
worker sends it outside the request; a failed attempt queues the next one for its back-off time, and
the last failure leaves the message 发送失败 without failing the job."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from tests.jobs.kinds import Clock
from xxgk.jobs.models import Job
from xxgk.jobs.worker import Worker
from xxgk.notify import services
from xxgk.notify.models import Message

BROKEN = "tests.notify.broken_backend.RefusingBackend"


def _queue(world):
    return services.queue(
        "oversight.replied",
        institution=world.institution,
        to="writer@example.org",
        about=world.institution,
        context={"letter": {"code": "XJ-2", "subject": "宿舍"}},
    )


def _wait_out_the_backoff(message, clock):
    """As if the wait had passed: the message is due and the job queued for it too (sending reads the real
    clock, the worker the test's)."""
    Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    Job.objects.filter(kind="notify.deliver", state="queued").update(run_after=clock.now)


def test_the_job_rolls_back_with_the_change(world, queued_jobs):
    with pytest.raises(RuntimeError), transaction.atomic():
        _queue(world)
        raise RuntimeError("the change failed")
    assert not Message.objects.exists() and not Job.objects.filter(kind="notify.deliver").exists()


def test_the_worker_sends_it_and_retries_after_the_backoff(world, queued_jobs, settings):
    message = _queue(world)
    job = Job.objects.get(kind="notify.deliver")
    assert (job.args, job.key, job.institution_id) == (
        [message.pk],
        f"notify.deliver:{message.pk}",
        world.institution.pk,
    )
    assert mail.outbox == []  # nothing sent in the request

    settings.EMAIL_BACKEND = BROKEN
    clock = Clock(timezone.now())
    worker = Worker("w", clock=clock, scheduler=False)
    assert worker.step().state == "done"  # the attempt failed, the job did its work
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("queued", 1)
    retry = Job.objects.get(kind="notify.deliver", state="queued")
    assert retry.run_after == message.next_attempt_at
    assert worker.step() is None  # not before the back-off

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _wait_out_the_backoff(message, clock)
    assert worker.step().pk == retry.pk
    message.refresh_from_db()
    assert message.state == "sent" and [m.to for m in mail.outbox] == [["writer@example.org"]]


def test_the_last_failure_leaves_the_message_failed(world, queued_jobs, settings):
    settings.EMAIL_BACKEND = BROKEN
    settings.XXGK_MESSAGE_ATTEMPTS = 2
    message = _queue(world)
    clock = Clock(timezone.now())
    worker = Worker("w", clock=clock, scheduler=False)
    worker.step()
    _wait_out_the_backoff(message, clock)
    worker.step()
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("failed", 2)
    assert not Job.objects.filter(kind="notify.deliver", state="queued").exists()
    assert set(Job.objects.values_list("state", flat=True)) == {"done"}
    clock.advance(days=1)
    assert worker.step() is None
