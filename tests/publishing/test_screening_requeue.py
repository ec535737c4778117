"""Screening lost with a process is found again: a pending attachment nobody has been screening for
a while is queued again when its record page is shown, and `xxgk screen-pending` screens every
pending attachment in the foreground. A freshly queued one is left alone."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.screening_gate.conftest import resident_id
from tests.screening_gate.files import upload, zip_bytes
from xxgk.jobs.models import Job
from xxgk.publishing import screening_gate, services
from xxgk.publishing.models import Attachment, ScreeningState

ID = resident_id("46010020000712002")


@pytest.fixture
def pending(world, settings):
    settings.XXGK_SCREENING_BACKGROUND = True
    settings.XXGK_SCREENING_STALE_SECONDS = 600
    record = world.draft(title="2024年国家助学金获得者名单公示")
    data = zip_bytes({"名单.txt": f"序号\t身份证号\n1\t{ID}\n"})
    attachment = services.add_attachment(world.drafter_a, record, upload("材料.zip", data))
    assert attachment.screening == ScreeningState.PENDING
    return record, attachment


def test_a_fresh_pending_attachment_is_not_queued_twice(client, world, pending, queued_jobs):
    record, attachment = pending
    client.force_login(world.drafter_a)
    client.get(reverse("workbench:record", args=[record.pk]))
    assert list(Job.objects.filter(kind="publishing.screen_attachment").values_list("args", "state")) == [
        ([attachment.pk], "queued")
    ]


def test_a_stale_pending_attachment_is_queued_again_by_its_page(
    client, world, pending, settings, django_capture_on_commit_callbacks
):
    record, attachment = pending
    long_ago = timezone.now() - timedelta(seconds=601)
    Attachment.objects.filter(pk=attachment.pk).update(screening_requested_at=long_ago)
    settings.XXGK_SCREENING_BACKGROUND = False  # the queued job runs right here when the hook runs
    client.force_login(world.drafter_a)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        html = client.get(reverse("workbench:record", args=[record.pk])).content.decode()
    assert [hook.__qualname__ for hook in queued].count("enqueue_job.<locals>.<lambda>") == 1
    assert "筛查中" in html  # the page was drawn before the job ran
    attachment.refresh_from_db()
    assert attachment.screening == ScreeningState.DONE
    assert record.findings.get(kind="id_card").text == ID


def test_screen_pending_screens_everything_waiting(world, pending, capsys):
    record, attachment = pending
    call_command("screen_pending")
    out = capsys.readouterr().out
    assert "材料.zip" in out and "共筛查 1 个附件" in out
    attachment.refresh_from_db()
    assert attachment.screening == ScreeningState.DONE
    assert not record.findings.filter(kind=screening_gate.PENDING).exists()
    call_command("screen_pending")
    assert "共筛查 0 个附件" in capsys.readouterr().out
