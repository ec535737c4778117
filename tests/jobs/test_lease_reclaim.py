"""A job taken by a worker that died is taken again once its lease has run out, as a new attempt; the
dead worker's late answer is ignored. A job whose last attempt died is failed, not run again."""

from datetime import timedelta

from tests.jobs import kinds  # noqa: F401
from xxgk import jobs
from xxgk.jobs import queue
from xxgk.jobs.models import Job
from xxgk.jobs.worker import Worker


def test_a_dead_workers_job_is_taken_again_after_the_lease(db, queued_jobs, clock, _calls):
    job = jobs.enqueue("tests.jobs.record", "z", run_after=clock.now)
    taken = queue.claim("dead-worker", clock.now)  # taken, then the process died before running it
    assert (taken.pk, taken.state, taken.attempts, taken.lease_until) == (
        job.pk,
        "running",
        1,
        clock.now + timedelta(seconds=300),
    )
    other = Worker("w2", clock=clock, scheduler=False)
    clock.advance(seconds=299)
    assert other.step() is None  # still leased
    clock.advance(seconds=2)
    ran = other.step()
    assert (ran.pk, ran.state, ran.attempts, ran.worker) == (job.pk, "done", 2, "w2")
    assert _calls == ["z"]

    # the dead worker's answer, had it come back, changes nothing
    late = queue.execute(taken, clock=clock)
    assert (late.state, late.attempts, late.worker) == ("done", 2, "w2")
    assert _calls == ["z", "z"]  # (it did run its copy: jobs are idempotent for this reason)


def test_a_job_whose_last_attempt_died_is_failed(db, queued_jobs, clock, _calls):
    job = jobs.enqueue("tests.jobs.record", "last", run_after=clock.now)
    Job.objects.filter(pk=job.pk).update(attempts=2)  # two attempts already spent
    queue.claim("dead-worker", clock.now)
    clock.advance(seconds=301)
    assert Worker("w2", clock=clock, scheduler=False).step() is None
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("failed", 3) and "租约已过期" in job.last_error
    assert _calls == []
