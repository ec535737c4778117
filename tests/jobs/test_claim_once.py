"""Of two workers that read the same due job, exactly one takes it: the state change is a conditional
UPDATE on the state and attempt count read (SQLite), and on PostgreSQL the row is also locked with
SKIP LOCKED. On PostgreSQL two worker threads drain a queue together and each job runs exactly once."""

import threading

import pytest
from django.db import connection

from tests.jobs import kinds  # noqa: F401
from xxgk import jobs
from xxgk.jobs import queue
from xxgk.jobs.worker import Worker


def test_the_second_of_two_workers_reading_one_job_does_not_take_it(db, queued_jobs, clock, _calls):
    job = jobs.enqueue("tests.jobs.record", "once", run_after=clock.now)
    (seen_by_a,) = queue.candidates(clock.now)
    ran = Worker("b", clock=clock, scheduler=False).step()  # b takes and runs it meanwhile
    assert ran.pk == job.pk and ran.state == "done"
    assert queue._take(seen_by_a, "a", clock.now, 300) is False
    assert Worker("a", clock=clock, scheduler=False).step() is None
    assert _calls == ["once"]


@pytest.mark.django_db(transaction=True)
def test_two_workers_on_postgresql_run_each_job_once(queued_jobs, _calls):
    if connection.vendor != "postgresql":
        pytest.skip("the race between two connections is run on PostgreSQL (make test runs both databases)")
    queued = [jobs.enqueue("tests.jobs.record", n).pk for n in range(40)]
    start = threading.Barrier(2)
    ran: dict[str, list[int]] = {"a": [], "b": []}

    def drain(name):
        from django.db import connection as own

        worker = Worker(name, scheduler=False)
        start.wait()
        try:
            while (job := worker.step()) is not None:
                ran[name].append(job.pk)
        finally:
            own.close()

    threads = [threading.Thread(target=drain, args=(n,)) for n in ran]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(ran["a"] + ran["b"]) == sorted(queued)
    assert sorted(_calls) == list(range(40))
