"""Search-index maintenance is a background job: `xxgk search_index --rebuild --background` only queues it and
the worker rebuilds; the nightly scheduled job catches up an entry the per-event indexing missed."""

from io import StringIO

from django.core.management import call_command

from tests.portal.conftest import published
from xxgk.jobs.models import Job
from xxgk.portal import search
from xxgk.portal.models import SearchEntry
from xxgk.portal.tasks import KIND


def test_a_rebuild_in_the_background_is_done_by_the_worker(world, queued_jobs):
    rec = published(world, "关于校园网升级改造的公告")
    SearchEntry.objects.all().delete()
    out = StringIO()
    call_command("search_index", "--rebuild", "--background", stdout=out)
    job = Job.objects.get(kind=KIND)
    assert f"任务 {job.pk}" in out.getvalue() and not SearchEntry.objects.exists()
    (done,) = queued_jobs.run()
    assert done.state == "done" and done.result == {"indexed": 1, "rebuilt": True}
    assert [h.record.pk for h in search.search(world.institution, "校园网").hits] == [rec.pk]


def test_the_nightly_job_catches_up_what_was_missed(world, queued_jobs, monkeypatch):
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from xxgk.jobs import delivery, schedule

    # the moment beat sent it last, 03:30 local (before that time of day a daily entry has no period yet, so the
    # test must not depend on the hour it runs at; yesterday's, so that the job is due now)
    at = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=1), time(3, 30, 1)))
    monkeypatch.setattr(schedule.timezone, "now", lambda: at)

    rec = published(world, "关于图书馆延长开放时间的通知")
    search.sync_index()  # the index's mark of the events it has seen
    SearchEntry.objects.filter(record_id=rec.pk).delete()  # as if the indexing of its event had been lost
    search.sync_index()  # the incremental sync goes by events: it does not see the gap
    assert not SearchEntry.objects.filter(record_id=rec.pk).exists()
    assert delivery.fire("search_index") is True  # what beat sends at 03:30
    ran = queued_jobs.run()
    assert [j.kind for j in ran] == [KIND] and ran[0].state == "done"
    assert SearchEntry.objects.filter(record_id=rec.pk).exists()
