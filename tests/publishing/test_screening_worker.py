"""The background worker end to end, with real commits: a zip attached is pending when the upload
returns, the worker thread screens it in a child process and stores the result, and the record's
findings, attachment text and history show it."""

import pytest
from django.urls import reverse

from tests.screening_gate.conftest import resident_id
from tests.screening_gate.files import upload, zip_bytes
from xxgk.publishing import screening_gate, screening_jobs, services
from xxgk.publishing.models import Attachment, EventAction, ScreeningState

ID = resident_id("46010020000712002")


@pytest.mark.django_db(transaction=True)
def test_the_worker_screens_a_zip_after_the_upload_commits(world, settings):
    settings.XXGK_SCREENING_BACKGROUND = True
    record = world.draft(title="2024年国家助学金获得者名单公示")
    data = zip_bytes({"名单.txt": f"序号\t身份证号\n1\t{ID}\n", "说明.txt": "公示期五个工作日。"})
    attachment = services.add_attachment(world.drafter_a, record, upload("材料.zip", data))
    assert attachment.screening == ScreeningState.PENDING  # the upload did not wait for it

    assert screening_jobs.wait_idle(timeout=120), "the worker finished"
    attachment.refresh_from_db()
    assert attachment.screening == ScreeningState.DONE and ID in attachment.text
    assert not record.findings.filter(kind=screening_gate.PENDING).exists()
    assert record.findings.get(kind="id_card").text == ID
    done = record.events.get(action=EventAction.SCREENING_DONE)
    assert done.data["attachment"] == "材料.zip" and done.data["findings"] >= 1


@pytest.mark.django_db(transaction=True)
def test_a_stale_pending_attachment_is_requeued_by_its_record_page(client, world, settings):
    settings.XXGK_SCREENING_BACKGROUND = True
    record = world.draft(title="2024年国家助学金获得者名单公示")
    data = zip_bytes({"名单.txt": f"序号\t身份证号\n1\t{ID}\n"})
    attachment = services.add_attachment(world.drafter_a, record, upload("材料.zip", data))
    assert screening_jobs.wait_idle(timeout=120)
    # as if the process that was screening it had died: pending, last queued long ago
    Attachment.objects.filter(pk=attachment.pk).update(screening=ScreeningState.PENDING, screening_requested_at=None)
    screening_gate.rescan(record)

    client.force_login(world.drafter_a)
    assert client.get(reverse("workbench:record", args=[record.pk])).status_code == 200
    assert screening_jobs.wait_idle(timeout=120)
    attachment.refresh_from_db()
    assert attachment.screening == ScreeningState.DONE
    assert record.findings.filter(kind="id_card").exists()
    assert record.events.filter(action=EventAction.SCREENING_DONE).count() == 2
