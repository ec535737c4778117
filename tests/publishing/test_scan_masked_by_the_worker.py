"""Masking a scan is background work: the request only records it (the attachment is 屏蔽处理中
and blocks the chain) and queues a job; the worker reads the scan by OCR again in its child process,
stores the masked copy as the attachment's file (the original kept for staff) and screens the copy again."""

from tests.screening.scans import scanned_pdf, typed_list_page
from tests.screening_gate.files import upload
from xxgk.jobs.models import Job
from xxgk.publishing import screening_gate, services
from xxgk.publishing.models import Attachment, EventAction, ScreeningState

KIND = "publishing.screen_attachment"


def test_masking_a_scanned_pdf_returns_at_once_and_the_worker_makes_a_clean_copy(world, settings, queued_jobs):
    settings.XXGK_SCREENING_BACKGROUND = True
    record = world.draft(title="2023年专升本拟录取名单公示")
    image, people = typed_list_page(dpi=200, rows=3)
    ids = [p[1] for p in people]
    attachment = services.add_attachment(world.drafter_a, record, upload("名单（扫描件）.pdf", scanned_pdf([image])))
    queued_jobs.run()
    finding = record.findings.filter(field="attachment", kind="id_card").first()
    assert finding is not None, list(record.findings.values_list("kind", "reason"))
    original_sha = Attachment.objects.get(pk=attachment.pk).sha256

    # what the request itself did is what is seen until the worker takes the job
    services.mask_finding(world.drafter_a, finding)
    attachment.refresh_from_db()
    assert attachment.screening == ScreeningState.MASKING, "the request did not mask the scan itself"
    assert attachment.sha256 == original_sha and not attachment.original_file
    assert list(Job.objects.filter(kind=KIND, state="queued").values_list("args", flat=True)) == [[attachment.pk]]
    assert [a.pk for a in screening_gate.pending(record)] == [attachment.pk]  # blocks the chain meanwhile
    assert record.findings.filter(kind=screening_gate.PENDING).count() == 1
    assert record.events.filter(action=EventAction.SCREENING_MASK_REQUESTED, actor=world.drafter_a).exists()

    assert [j.state for j in queued_jobs.run() if j.kind == KIND] == ["done"]
    attachment.refresh_from_db()
    assert attachment.screening == ScreeningState.DONE
    assert attachment.sha256 != original_sha and attachment.original_file
    assert attachment.screening_result.sha256 == attachment.sha256  # the copy itself was screened
    assert list(record.findings.values_list("kind", "text")) == []
    with attachment.file.open("rb") as handle:
        data = handle.read()
    assert not any(i.encode() in data for i in ids)
    masked = record.events.get(action=EventAction.SCREENING_MASKED)
    assert masked.data["attachment"] == "名单（扫描件）.pdf" and masked.data["masked"] >= len(ids) - 1
    assert record.events.filter(action=EventAction.SCREENING_DONE).count() == 2  # the scan, then its copy
