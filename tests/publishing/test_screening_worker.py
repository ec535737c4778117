"""The screening job end to end: a zip attached is pending when the upload returns, with one job queued
for it; the worker takes the job, screens the zip in a child process and stores the result, and the
record's findings, attachment text and history show it."""

from django.urls import reverse

from tests.screening_gate.conftest import resident_id
from tests.screening_gate.files import upload, zip_bytes
from xxgk.jobs.models import Job
from xxgk.publishing import screening_gate, services
from xxgk.publishing.models import Attachment, EventAction, ScreeningState

ID = resident_id("46010020000712002")


def test_the_worker_screens_a_zip_queued_by_the_upload(world, settings, queued_jobs):
    settings.XXGK_SCREENING_BACKGROUND = True
    record = world.draft(title="2024年国家助学金获得者名单公示")
    data = zip_bytes({"名单.txt": f"序号\t身份证号\n1\t{ID}\n", "说明.txt": "公示期五个工作日。"})
    attachment = services.add_attachment(world.drafter_a, record, upload("材料.zip", data))
    assert attachment.screening == ScreeningState.PENDING  # the upload did not wait for it
    job = Job.objects.get(kind="publishing.screen_attachment")
    assert (job.args, job.state, job.institution_id) == ([attachment.pk], "queued", record.institution_id)

    ran = [j for j in queued_jobs.run() if j.kind == "publishing.screen_attachment"]
    assert [(j.pk, j.state, j.attempts) for j in ran] == [(job.pk, "done", 1)]
    attachment.refresh_from_db()
    assert attachment.screening == ScreeningState.DONE and ID in attachment.text
    assert not record.findings.filter(kind=screening_gate.PENDING).exists()
    assert record.findings.get(kind="id_card").text == ID
    done = record.events.get(action=EventAction.SCREENING_DONE)
    assert done.data["attachment"] == "材料.zip" and done.data["findings"] >= 1


def test_a_stale_pending_attachment_is_queued_again_by_its_record_page(client, world, settings, queued_jobs):
    settings.XXGK_SCREENING_BACKGROUND = True
    record = world.draft(title="2024年国家助学金获得者名单公示")
    data = zip_bytes({"名单.txt": f"序号\t身份证号\n1\t{ID}\n"})
    attachment = services.add_attachment(world.drafter_a, record, upload("材料.zip", data))
    queued_jobs.run()
    # as if its job had been lost: pending, last queued long ago, no job waiting
    Attachment.objects.filter(pk=attachment.pk).update(screening=ScreeningState.PENDING, screening_requested_at=None)
    screening_gate.rescan(record)

    client.force_login(world.drafter_a)
    assert client.get(reverse("workbench:record", args=[record.pk])).status_code == 200
    assert Job.objects.filter(kind="publishing.screen_attachment", state="queued").count() == 1
    queued_jobs.run()
    attachment.refresh_from_db()
    assert attachment.screening == ScreeningState.DONE
    assert record.findings.filter(kind="id_card").exists()
    assert record.events.filter(action=EventAction.SCREENING_DONE).count() == 2
