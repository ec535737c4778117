"""Queueing, taking and running jobs.

`enqueue` writes the job row in the caller's transaction (it commits or rolls back with the change that
asked for it); once that transaction has committed, its message goes to Celery's broker for a worker
(`xxgk worker`, `celery_app.py`), or with XXGK_JOBS_IMMEDIATE the job is run in this process (tests).

Taking a job (`claim`) is safe with any number of workers on any database: on PostgreSQL the candidate
row is locked with SELECT … FOR UPDATE SKIP LOCKED, so two workers never wait on each other; everywhere
the state change itself is a conditional UPDATE (… WHERE state = the state read and attempts = the count
read), so of two workers that picked the same row exactly one changes it. A worker holds a job for its
kind's lease; a job still running when its lease runs out belonged to a worker that died and is taken
again (as a new attempt). Every outcome is written the same way: only if this worker still holds this
attempt.

A job that raises is tried again after its kind's back-off, up to its attempts; then it is failed and
`signals.job_failed` is sent (notify tells the institution's office)."""

from __future__ import annotations

import contextvars
import json
import logging
import os
import socket
import traceback
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from xxgk.core import stored_files
from xxgk.jobs import registry, signals
from xxgk.jobs.models import Job, JobFile, State

log = logging.getLogger(__name__)

_current: contextvars.ContextVar[Job | None] = contextvars.ContextVar("xxgk_job", default=None)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def _json(value, what: str):
    try:
        return json.loads(json.dumps(value))
    except (TypeError, ValueError) as exc:
        raise TypeError(f"job {what} must be JSON: {exc}") from None


def enqueue(kind: str, *args, key: str = "", institution=None, run_after: datetime | None = None, **kwargs) -> Job:
    """Queue `kind(*args, **kwargs)`; returns the job. With `key`, a job with that key already queued is
    returned instead of a second one (brought forward to `run_after` when that is sooner). `institution`
    (or its id) is whose office hears of the job's failure."""
    k = registry.kind(kind)  # an unknown kind fails here, in the request, not later in a worker
    now = timezone.now()
    run_after = run_after or now
    fields = {
        "kind": kind,
        "args": _json(list(args), "arguments"),
        "kwargs": _json(kwargs, "arguments"),
        "key": key[:200],
        "institution_id": getattr(institution, "pk", institution),
        "run_after": run_after,
        "max_attempts": k.attempts,
    }
    job = None
    publish = True
    for _try in range(3):
        if key:
            job = Job.objects.filter(key=fields["key"], state=State.QUEUED).first()
            if job is not None:
                publish = run_after < job.run_after  # its message is out; a sooner time needs another
                if publish:
                    Job.objects.filter(pk=job.pk, state=State.QUEUED).update(run_after=run_after)
                break
        try:
            with transaction.atomic():
                job = Job.objects.create(**fields)
            break
        except IntegrityError:  # another request queued the same key a moment ago: use that one
            job = None
    if job is None:
        raise IntegrityError(f"could not queue job {kind} with key {key!r}")
    pk = job.pk
    if settings.XXGK_JOBS_IMMEDIATE:
        transaction.on_commit(lambda: run_job(pk), robust=True)
    elif publish:
        from xxgk.jobs.celery_app import publish as send

        eta = run_after if run_after > now else None
        transaction.on_commit(lambda: send(pk, eta), robust=True)
    return job


def latest(key: str) -> Job | None:
    """The newest job with this key, whatever its state (what a page shows while the user waits)."""
    return Job.objects.latest_for(key)


def current() -> Job | None:
    """The job this code is running in, or None outside a job."""
    return _current.get()


def progress(text: str) -> None:
    """Say how far the running job has got ("正在生成 PDF…"); shown where the user waits."""
    job = current()
    if job is not None:
        Job.objects.filter(pk=job.pk, state=State.RUNNING, worker=job.worker).update(progress=text[:200])


def attach(name: str, data: bytes) -> JobFile:
    """Store a file the running job made; it is kept with the job (and leaves storage with it)."""
    job = current()
    if job is None:
        raise RuntimeError("attach() outside a job")
    with transaction.atomic():
        row = JobFile(job_id=job.pk, name=name[:200], size=len(data))
        stored_files.save(row.file, name, ContentFile(data))
        row.save()
    return row


# --- taking a job ---------------------------------------------------------------------------------


def _take(candidate: dict, worker: str, now: datetime, lease: int) -> bool:
    """Change the candidate (pk, state and attempts as read) to running by this worker, if nobody did
    meanwhile: one conditional UPDATE."""
    taken = Job.objects.filter(pk=candidate["pk"], state=candidate["state"], attempts=candidate["attempts"])
    if candidate["state"] == State.QUEUED:
        taken = taken.filter(run_after__lte=now)
    else:
        taken = taken.filter(lease_until__lt=now)
    return bool(
        taken.update(
            state=State.RUNNING,
            attempts=candidate["attempts"] + 1,
            worker=worker,
            started_at=now,
            lease_until=now + timedelta(seconds=lease),
            progress="",
        )
    )


def _lease_for(kind_name: str) -> int:
    try:
        return registry.kind(kind_name).lease_seconds()
    except registry.UnknownKind:
        return 60


def candidates(now: datetime, limit: int = 10, pk: int | None = None) -> list[dict]:
    """Jobs a worker may take now, oldest first (pk, state, attempts, max_attempts, kind)."""
    due = Job.objects.due(now)
    if pk is not None:
        due = due.filter(pk=pk)
    return list(due.values("pk", "state", "attempts", "max_attempts", "kind")[:limit])


def claim(worker: str, now: datetime, pk: int | None = None) -> Job | None:
    """Take the oldest job due (or job `pk` if due) for `worker`; None when there is none."""
    if connection.features.has_select_for_update_skip_locked:  # PostgreSQL: lock one row, skip locked ones
        for _try in range(10):
            with transaction.atomic():
                rows = Job.objects.due(now).select_for_update(skip_locked=True)
                if pk is not None:
                    rows = rows.filter(pk=pk)
                candidate = rows.values("pk", "state", "attempts", "max_attempts", "kind").first()
                if candidate is None:
                    return None
                if _abandoned(candidate, now):
                    continue
                if _take(candidate, worker, now, _lease_for(candidate["kind"])):
                    return Job.objects.get(pk=candidate["pk"])
        return None
    for candidate in candidates(now, pk=pk):  # SQLite: the conditional UPDATE alone decides
        if _abandoned(candidate, now):
            continue
        if _take(candidate, worker, now, _lease_for(candidate["kind"])):
            return Job.objects.get(pk=candidate["pk"])
    return None


def _abandoned(candidate: dict, now: datetime) -> bool:
    """A running job whose lease ran out after its last attempt is failed, not run again; True if so."""
    if candidate["state"] != State.RUNNING or candidate["attempts"] < candidate["max_attempts"]:
        return False
    failed = Job.objects.filter(
        pk=candidate["pk"], state=State.RUNNING, attempts=candidate["attempts"], lease_until__lt=now
    ).update(
        state=State.FAILED,
        finished_at=now,
        lease_until=None,
        last_error="处理任务的进程中断（租约已过期），已达最多尝试次数。",
    )
    if failed:
        _failed(Job.objects.get(pk=candidate["pk"]))
    return True


# --- running a job --------------------------------------------------------------------------------


def execute(job: Job, *, clock=timezone.now) -> Job:
    """Run a job this worker has taken and write its outcome: done with its result; queued again after
    the back-off; failed after its last attempt. Returns the job as it stands afterwards."""
    held = Job.objects.filter(pk=job.pk, state=State.RUNNING, worker=job.worker, attempts=job.attempts)
    try:
        k = registry.kind(job.kind)
    except registry.UnknownKind:
        held.update(state=State.FAILED, finished_at=clock(), lease_until=None, last_error=f"未知的任务类型：{job.kind}")
        _failed(Job.objects.get(pk=job.pk))
        return Job.objects.get(pk=job.pk)
    token = _current.set(job)
    try:
        result = k.fn(*job.args, **job.kwargs)
    except Exception as exc:  # noqa: BLE001 - any failure of the job is recorded on its row and retried
        log.warning("job %s %s attempt %s failed", job.pk, job.kind, job.attempts, exc_info=True)
        error = "".join(traceback.format_exception_only(exc)).strip()
        detail = "".join(traceback.format_exception(exc))[-4000:]
        _after_failure(job, k, held, error, detail, clock())
    else:
        try:
            result = _json(result, "result")
        except TypeError:
            result = str(result)
        held.update(state=State.DONE, result=result, finished_at=clock(), lease_until=None, last_error="")
    finally:
        _current.reset(token)
    return Job.objects.get(pk=job.pk)


def _after_failure(job: Job, k: registry.Kind, held, error: str, detail: str, now: datetime) -> None:
    text = f"{error}\n\n{detail}"[:6000]
    if job.attempts >= job.max_attempts:
        if held.update(state=State.FAILED, finished_at=now, lease_until=None, last_error=text):
            _failed(Job.objects.get(pk=job.pk))
        return
    retry_at = now + timedelta(seconds=k.wait_after(job.attempts))
    try:
        with transaction.atomic():
            held.update(state=State.QUEUED, run_after=retry_at, lease_until=None, last_error=text)
    except IntegrityError:  # the same work was queued again meanwhile: that job is the retry
        held.update(state=State.FAILED, finished_at=now, lease_until=None, last_error=text)


def _failed(job: Job) -> None:
    try:
        signals.job_failed.send(sender=Job, job=job)
    except Exception:  # noqa: BLE001 - telling the office must not lose the failure itself
        log.exception("telling about failed job %s failed", job.pk)


def run_job(pk: int, *, worker: str | None = None, clock=timezone.now) -> Job | None:
    """Take job `pk` if it is due and run it here (XXGK_JOBS_IMMEDIATE; tests); None if not due."""
    job = claim(worker or worker_name(), clock(), pk=pk)
    return execute(job, clock=clock) if job is not None else None
