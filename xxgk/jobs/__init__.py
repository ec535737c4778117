"""Background jobs: a Job row per piece of work, delivered, retried and scheduled by Celery (`xxgk worker`,
`xxgk scheduler`).

The one entry point for other apps:

    from xxgk import jobs

    @jobs.job("reporting.build_report", attempts=3)      # in the app's tasks.py (or a module it imports)
    def build_report(institution_id, start, end): ...

    jobs.enqueue("reporting.build_report", inst.pk, "2022-09-01", "2023-08-31",
                 key=f"report:{inst.pk}:2022", institution=inst)   # inside the change's transaction

See `queue.py` (queueing, taking and running jobs), `celery_app.py` and `delivery.py` (Celery: the broker, the
tasks, beat), `schedule.py` (periodic entries as data), `worker.py` (running due jobs in-process: tests, `--once`)."""

from xxgk.jobs.registry import job, name_of, page  # noqa: F401  (no models: importable while apps load)


def enqueue(kind, *args, **kwargs):
    """Queue a job (`queue.enqueue`)."""
    from xxgk.jobs.queue import enqueue as _enqueue

    return _enqueue(kind, *args, **kwargs)


def latest(key):
    """The newest job with this key, whatever its state (`queue.latest`)."""
    from xxgk.jobs.queue import latest as _latest

    return _latest(key)


def progress(text):
    """Say how far the running job has got (`queue.progress`)."""
    from xxgk.jobs.queue import progress as _progress

    return _progress(text)


def attach(name, data):
    """Keep a file the running job made (`queue.attach`)."""
    from xxgk.jobs.queue import attach as _attach

    return _attach(name, data)
