"""Celery delivers the jobs, retries them with back-off and runs the schedule (beat).

The `Job` row stays the record of the work (what the user waiting sees: state, progress, result, error;
one queued per key; written in the transaction of the change that asks for it). Celery carries one message
per job, the row's id, to a worker (`xxgk worker`), which takes the row with the conditional UPDATE of
`queue.claim` and runs it: a message delivered twice (Redis redelivers an unacknowledged message after
`visibility_timeout`; the sweep below republishes) runs the job once. A failed attempt with attempts left
is retried by Celery (`Task.retry`) at the time the kind's back-off gives, which the row also shows.

The broker is XXGK_BROKER_URL (Redis in production: `redis://127.0.0.1:6379/2`, a database of its own, since
clearing the cache empties the cache's); without it, kombu's filesystem transport in VAR_DIR/broker, which
needs no service (the default SQLite set-up, `make run`). The message is published once the transaction
has committed; one lost on the way (the broker was down, the process died between the commit and the
publication, the filesystem transport's worker died holding it) is published again by `redeliver`, which beat
runs every five minutes, for every job due for longer than XXGK_JOBS_REDELIVER_SECONDS.

The tasks and the beat schedule are in `delivery.py`. The schedule is data (`data/schedule.json`, read by `schedule.py`): each entry becomes a beat entry (a
crontab in TIME_ZONE) whose task `fire` queues the entry's job; the period is taken with one conditional
UPDATE (`ScheduleSlot`), so a second scheduler started by mistake queues nothing twice."""

from __future__ import annotations

import logging

from celery import Celery

log = logging.getLogger(__name__)

app = Celery("xxgk")


def configure(beat_schedule: dict) -> Celery:
    """Configure `app` from Django's settings (called once the apps are loaded, with `delivery.beat_schedule()`)."""
    from django.conf import settings

    url = settings.XXGK_BROKER_URL
    if url:
        transport = {"visibility_timeout": settings.XXGK_JOBS_VISIBILITY_SECONDS, "socket_connect_timeout": 3}
    else:
        folder = settings.XXGK_BROKER_DIR
        for sub in ("in", "processed", "control"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        url = "filesystem://localhost/"
        transport = {
            "data_folder_in": str(folder / "in"),
            "data_folder_out": str(folder / "in"),
            "processed_folder": str(folder / "processed"),
            "control_folder": str(folder / "control"),
            "store_processed": False,
        }
    app.conf.update(
        broker_url=url,
        broker_transport_options=transport,
        broker_connection_retry_on_startup=True,
        # a request that queues a job must not hang on a broker that is down: the sweep publishes it later
        task_publish_retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5},
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        task_default_queue=settings.XXGK_JOBS_QUEUE,
        # a message is acknowledged once its job has run, and handed back if the worker process is lost
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        worker_hijack_root_logger=False,
        worker_concurrency=settings.XXGK_JOBS_CONCURRENCY,
        timezone=settings.TIME_ZONE,
        enable_utc=True,
        beat_schedule=beat_schedule,
    )
    return app


def publish(pk: int, eta=None) -> None:
    """Send job `pk`'s message to the workers (after the commit that wrote the row)."""
    try:
        app.send_task("xxgk.jobs.run", (pk,), eta=eta)
    except Exception:  # noqa: BLE001 - the broker is down: the row stays queued and `redeliver` sends it later
        log.warning("could not publish job %s; it is sent again by the redelivery sweep", pk, exc_info=True)
