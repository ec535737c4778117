"""The Celery tasks of the queue and the beat schedule (see `celery_app.py`): `run` runs one job (its message
carries the row's id), `fire` queues a scheduled entry's job, `redeliver` republishes lost messages."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery.schedules import crontab
from celery.schedules import schedule as every

from xxgk.jobs.celery_app import app, publish

log = logging.getLogger(__name__)

#: the beat entry that republishes lost messages
REDELIVER = "jobs.redeliver"


def celery_schedule(entry):
    """The beat schedule of a schedule.json entry: a crontab in TIME_ZONE."""
    if entry.every_minutes:
        if 60 % entry.every_minutes == 0:
            return crontab(minute=f"*/{entry.every_minutes}")
        return every(timedelta(minutes=entry.every_minutes))
    months = ",".join(str(m) for m in entry.months) or "*"
    return crontab(minute=entry.daily_at.minute, hour=entry.daily_at.hour, month_of_year=months)


def beat_schedule() -> dict:
    from xxgk.jobs import schedule

    entries = {
        entry.name: {"task": "xxgk.jobs.fire", "schedule": celery_schedule(entry), "args": (entry.name,)}
        for entry in schedule.entries()
    }
    entries[REDELIVER] = {"task": "xxgk.jobs.redeliver", "schedule": crontab(minute="*/5")}
    return entries


@app.task(name="xxgk.jobs.run", bind=True, max_retries=None, acks_late=True)
def run(self, pk: int):
    """Run job `pk` if it is still due; retry it at its back-off if this attempt failed with attempts left."""
    from django.utils import timezone

    from xxgk.jobs import queue
    from xxgk.jobs.models import Job, State

    done = queue.run_job(pk)
    if done is None:  # taken by another worker, finished, or not due yet (another clock, or put off)
        row = Job.objects.filter(pk=pk, state=State.QUEUED).values("run_after").first()
        if row is not None and row["run_after"] > timezone.now():
            raise self.retry(eta=row["run_after"])
        return None
    if done.state == State.QUEUED:  # this attempt failed; the next is due after the kind's back-off
        raise self.retry(eta=done.run_after)
    return done.state


@app.task(name="xxgk.jobs.fire")
def fire(name: str):
    """Queue the job of the schedule's entry `name` for the current period (once however many beats run)."""
    from xxgk.jobs import schedule

    entry = {e.name: e for e in schedule.entries()}.get(name)
    if entry is None:
        log.warning("beat fired %r, which the schedule no longer has", name)
        return False
    return bool(schedule.fire_due(schedule=(entry,)))


@app.task(name="xxgk.jobs.redeliver")
def redeliver() -> int:
    """Publish again every job due for longer than XXGK_JOBS_REDELIVER_SECONDS (its message was lost)."""
    from django.conf import settings
    from django.utils import timezone

    from xxgk.jobs.models import Job

    before = timezone.now() - timedelta(seconds=settings.XXGK_JOBS_REDELIVER_SECONDS)
    pks = list(Job.objects.due(before).values_list("pk", flat=True)[:500])
    for pk in pks:
        publish(pk)
    if pks:
        log.info("republished %s jobs whose message was lost", len(pks))
    return len(pks)
