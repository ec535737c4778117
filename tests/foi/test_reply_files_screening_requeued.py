"""A reply file's screening lost with a process is found again, as an attachment's is: queued again when
the application page is shown once it has waited too long, and screened by `xxgk screen-pending`."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.foi.conftest import applicant
from tests.screening_gate.conftest import resident_id
from xxgk.foi import reply_files, services
from xxgk.foi.models import ReplyFile
from xxgk.jobs.models import Job

ID = resident_id("46020020010101001")


@pytest.fixture
def pending(world, settings, queued_jobs):
    """A file whose job was queued and then lost (as a job queued before this queue existed, or deleted)."""
    settings.XXGK_SCREENING_BACKGROUND = True
    settings.XXGK_SCREENING_INLINE_BYTES = 10
    app = services.submit_online(world.institution, applicant(), today=date(2024, 3, 1)).application
    row = reply_files.add_reply_file(world.office, app, SimpleUploadedFile("名单.txt", f"身份证 {ID}".encode()))
    assert row.screening == "pending"
    Job.objects.filter(kind="foi.screen_reply_file").delete()
    return app, row


def test_the_page_queues_a_stale_file_again(client, world, pending, settings, django_capture_on_commit_callbacks):
    app, row = pending
    client.force_login(world.office)
    client.get(reverse("foi_staff:detail", args=[app.pk]))
    assert not Job.objects.filter(kind="foi.screen_reply_file").exists()  # not yet stale

    ReplyFile.objects.filter(pk=row.pk).update(screening_requested_at=timezone.now() - timedelta(seconds=601))
    settings.XXGK_SCREENING_BACKGROUND = False  # the queued job runs right here when the hook runs
    with django_capture_on_commit_callbacks(execute=True):
        html = client.get(reverse("foi_staff:detail", args=[app.pk])).content.decode()
    assert 'id="files-pending"' in html  # the page was drawn before the job ran
    row.refresh_from_db()
    assert row.screening == "done" and [r[1] for r in row.findings if r[0] == "id_card"] == [ID]


def test_screen_pending_screens_reply_files_too(world, pending, capsys):
    app, row = pending
    call_command("screen_pending")
    out = capsys.readouterr().out
    assert f"申请 {app.code} 答复附件“名单.txt”：已筛查" in out and "共筛查 1 个附件" in out
    row.refresh_from_db()
    assert row.screening == "done"
    call_command("screen_pending")
    assert "共筛查 0 个附件" in capsys.readouterr().out
