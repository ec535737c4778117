"""The nightly clean-up deletes finished jobs older than XXGK_JOBS_KEEP_DAYS with their files (once the
deletion has committed), keeps newer and unfinished ones, and sweeps files no row names."""

from datetime import timedelta

from django.utils import timezone

from tests.jobs import kinds  # noqa: F401
from xxgk import jobs
from xxgk.jobs import queue
from xxgk.jobs.models import Job, JobFile
from xxgk.jobs.tasks import cleanup


def _finished_with_a_file(days_ago: int) -> JobFile:
    job = jobs.enqueue("tests.jobs.record", days_ago)
    claimed = queue.claim("w", timezone.now(), pk=job.pk)
    token = queue._current.set(claimed)
    try:
        row = jobs.attach(f"report-{days_ago}.pdf", b"%PDF-1.7 built")
    finally:
        queue._current.reset(token)
    finished = timezone.now() - timedelta(days=days_ago)
    Job.objects.filter(pk=job.pk).update(state="done", finished_at=finished)
    return row


def test_old_finished_jobs_leave_with_their_files(db, queued_jobs, settings, django_capture_on_commit_callbacks):
    settings.XXGK_JOBS_KEEP_DAYS = 30
    old, recent = _finished_with_a_file(31), _finished_with_a_file(2)
    waiting = jobs.enqueue("tests.jobs.record", "waiting")
    storage = old.file.storage
    assert storage.exists(old.file.name) and storage.exists(recent.file.name)

    with django_capture_on_commit_callbacks(execute=True):
        result = cleanup()
    assert result["jobs_removed"] == 1
    assert not Job.objects.filter(pk=old.job_id).exists() and not storage.exists(old.file.name)
    assert Job.objects.filter(pk__in=[recent.job_id, waiting.pk]).count() == 2 and storage.exists(recent.file.name)


def test_the_clean_up_prunes_used_form_tokens_and_day_old_orphans(db, queued_jobs, settings):
    import os
    import time

    from xxgk.core import once
    from xxgk.core.models import FormUse

    once.claim("tests.form", "old-token", "ok")
    once.claim("tests.form", "new-token", "ok")
    FormUse.objects.filter(digest=once._digest("tests.form", "old-token")).update(
        at=timezone.now() - once.KEEP - timedelta(minutes=1)
    )
    orphan = os.path.join(settings.MEDIA_ROOT, "jobs", "2020", "01", "orphan.pdf")
    os.makedirs(os.path.dirname(orphan), exist_ok=True)
    with open(orphan, "wb") as handle:
        handle.write(b"%PDF")
    hours_ago = time.time() - (settings.XXGK_ORPHAN_MIN_AGE_HOURS + 1) * 3600
    os.utime(orphan, (hours_ago, hours_ago))

    result = cleanup()
    assert result["form_tokens_removed"] == 1 and once.first("tests.form", "new-token") is not None
    assert once.first("tests.form", "old-token") is None
    assert result["orphan_files_removed"] == ["jobs/2020/01/orphan.pdf"] and not os.path.exists(orphan)
