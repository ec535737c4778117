"""A job that raises is tried again after its kind's back-off (not before), counting attempts; after
the last attempt it is failed with the error kept, and the office of its institution is told."""

from datetime import timedelta

from django.utils import timezone

from tests.jobs import kinds
from xxgk import jobs
from xxgk.jobs.worker import Worker
from xxgk.notify.models import Message


def test_retried_after_the_backoff_then_done(db, queued_jobs, clock, _calls):
    job = jobs.enqueue("tests.jobs.flaky", "x", failures=2, run_after=clock.now)
    worker = Worker("w1", clock=clock, scheduler=False)

    ran = worker.step()
    assert (ran.state, ran.attempts) == ("queued", 1)
    assert "暂时连不上邮件服务器" in ran.last_error
    assert ran.run_after == clock.now + timedelta(seconds=60)
    clock.advance(seconds=59)
    assert worker.step() is None  # not before its back-off
    clock.advance(seconds=1)
    ran = worker.step()
    assert (ran.state, ran.attempts, ran.run_after) == ("queued", 2, clock.now + timedelta(seconds=600))
    clock.advance(seconds=600)
    ran = worker.step()
    assert (ran.pk, ran.state, ran.attempts, ran.result, ran.last_error) == (job.pk, "done", 3, "x", "")
    assert _calls == ["x", "x", "x"]


def test_failed_after_the_last_attempt_and_the_office_is_told(world, queued_jobs, settings):
    clock = kinds.Clock(timezone.now())  # the message to the office is queued on the real clock
    world.office.email = "office@hblg.edu.cn"
    world.office.save()
    job = jobs.enqueue("tests.jobs.flaky", "y", failures=9, institution=world.institution, run_after=clock.now)
    worker = Worker("w1", clock=clock, scheduler=False)
    for wait in (0, 60, 600):
        clock.advance(seconds=wait)
        ran = worker.step()
    assert (ran.pk, ran.state, ran.attempts, ran.finished_at) == (job.pk, "failed", 3, clock.now)
    assert ran.last_error.startswith("RuntimeError: 暂时连不上邮件服务器")
    clock.advance(days=1)
    assert worker.step() is not None  # the message to the office is itself a job …
    assert worker.step() is None  # … and the failed job is not run again

    told = Message.objects.filter(kind="jobs.failed")
    assert sorted(told.values_list("recipient", flat=True)) == [world.office.email]
    message = told.get()
    assert message.institution == world.institution and "测试任务" in message.subject
    assert "暂时连不上邮件服务器" in message.body and message.state == "sent"
