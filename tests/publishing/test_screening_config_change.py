"""A stored attachment result belongs to the configuration it was made with: when the office changes
its allow-list, the next re-scan of the record sets the attachment pending and queues it, and the new
result honours the allow-list."""

from tests.screening_gate.files import upload
from xxgk.publishing import screening_gate, services
from xxgk.publishing.models import Attachment, ScreeningState

HOTLINE = "13912345678"


def test_an_allow_list_change_screens_the_attachment_again(world, settings, django_capture_on_commit_callbacks):
    settings.XXGK_SCREENING_BACKGROUND = False  # the queued job runs when the commit hooks run
    record = world.draft()
    attachment = services.add_attachment(world.drafter_a, record, upload("说明.txt", f"咨询电话：{HOTLINE}".encode()))
    assert record.findings.get(attachment=attachment).text == HOTLINE

    institution = world.institution
    institution.screening_allow_list = HOTLINE
    institution.save()
    with django_capture_on_commit_callbacks(execute=True):
        record = services.update_draft(world.drafter_a, record, {"summary": "招生咨询"})
        assert record.findings.get(attachment=attachment).kind == screening_gate.PENDING
    attachment.refresh_from_db()
    assert attachment.screening == ScreeningState.DONE
    assert not record.findings.filter(attachment=attachment).exists()
    assert Attachment.objects.get(pk=attachment.pk).screening_result.config_key == screening_gate.config_key(
        screening_gate.screening_config(institution)
    )
