"""A masked copy the worker cannot make (the child process timed out, crashed …) leaves the file as it
was, its findings open, and says why in the record's history; nothing is stored."""

from tests.screening_gate.conftest import resident_id
from tests.screening_gate.files import upload
from xxgk.publishing import screening_process, services
from xxgk.publishing.models import Attachment, EventAction, FindingStatus, ScreeningState
from xxgk.publishing.screening_process import ScreeningFailed

ID = resident_id("46010020000712002")


def test_a_copy_that_cannot_be_made_leaves_the_file_and_says_why(
    world, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.XXGK_SCREENING_BACKGROUND = False
    settings.XXGK_SCREENING_INLINE_BYTES = 10  # not small: masked by the worker
    record = world.draft(title="2024年国家助学金获得者名单公示")
    with django_capture_on_commit_callbacks(execute=True):
        attachment = services.add_attachment(world.drafter_a, record, upload("名单.txt", f"身份证号：{ID}\n".encode()))
    finding = record.findings.get(field="attachment", kind="id_card")
    before = Attachment.objects.get(pk=attachment.pk)

    def timed_out(*args, **kwargs):
        raise ScreeningFailed("筛查超过 1 秒仍未完成，已停止")

    monkeypatch.setattr(screening_process, "mask_isolated", timed_out)
    with django_capture_on_commit_callbacks(execute=True):
        services.mask_finding(world.drafter_a, finding)

    attachment.refresh_from_db()
    assert attachment.screening == ScreeningState.DONE
    assert (attachment.sha256, attachment.file.name) == (before.sha256, before.file.name)
    assert not attachment.original_file
    assert record.findings.get(field="attachment", kind="id_card").status == FindingStatus.OPEN
    failed = record.events.get(action=EventAction.SCREENING_MASK_FAILED)
    assert "超过 1 秒仍未完成" in failed.comment and failed.data["attachment"] == "名单.txt"
    assert not record.events.filter(action=EventAction.SCREENING_MASKED).exists()
