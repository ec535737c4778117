"""The queue's own kinds: a scheduled management command, and the daily clean-up."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from xxgk.core import once, orphans, stored_files
from xxgk.jobs import schedule
from xxgk.jobs.models import Job, JobFile, State
from xxgk.jobs.registry import job

#: steps other apps add to the nightly clean-up (`cleanup_step`): name -> fn(now) giving what it removed
CLEANUP_STEPS: dict[str, Callable] = {}


def cleanup_step(name: str):
    """Add `fn(now)` to the nightly clean-up (from a module the app's `tasks.py` or `ready()` imports); what
    it returns is in the clean-up job's result under `name`."""

    def register(fn: Callable) -> Callable:
        CLEANUP_STEPS[name] = fn
        return fn

    return register


@job("jobs.command", attempts=3, lease=3600, label="定时命令")
def run_command(*argv: str) -> dict:
    """Run one of the schedule's commands (`xxgk <argv>`); its output is the job's result. Only command
    lines the schedule names are run: a job row is no way to run anything else."""
    if tuple(argv) not in schedule.commands():
        raise PermissionError(f"not a scheduled command: {' '.join(argv)}")
    out = io.StringIO()
    call_command(*argv, stdout=out, stderr=out)
    return {"output": out.getvalue()[-4000:]}


@job("jobs.cleanup", attempts=3, lease=3600, label="清理")
def cleanup() -> dict:
    """Expired sessions, used one-time form tokens older than any form lives (`core/once.py`), finished
    jobs older than XXGK_JOBS_KEEP_DAYS (and their files), then files no row names older than
    XXGK_ORPHAN_MIN_AGE_HOURS (each logged first; `core/orphans.py`). Invitation and case links are
    signed and expire by themselves (nothing stored to clean); API tokens do not expire (the office
    revokes them). Then the steps other apps added (`cleanup_step`: the site import's upload folders)."""
    out = io.StringIO()
    call_command("clearsessions", stdout=out)
    tokens = once.prune()
    removed = prune_jobs(timezone.now() - timedelta(days=settings.XXGK_JOBS_KEEP_DAYS))
    found, deleted = orphans.sweep(settings.XXGK_ORPHAN_MIN_AGE_HOURS * 3600)
    result = {
        "form_tokens_removed": tokens,
        "jobs_removed": removed,
        "orphan_files": len(found),
        "orphan_files_removed": deleted[:200],
    }
    for name, step in CLEANUP_STEPS.items():
        result[name] = step(timezone.now())
    return result


def prune_jobs(before) -> int:
    """Delete the finished jobs that ended before `before`; their files leave storage after the commit."""
    with transaction.atomic():
        old = Job.objects.filter(state__in=[State.DONE, State.FAILED], finished_at__lt=before)
        files = list(JobFile.objects.filter(job__in=old).values_list("file", flat=True))
        storage = JobFile._meta.get_field("file").storage
        count = old.count()
        old.delete()
        stored_files.delete_on_commit(storage, *files)
    return count
