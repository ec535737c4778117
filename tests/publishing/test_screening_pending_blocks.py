"""An attachment still being screened (筛查中) blocks every step of the review chain and publication;
nobody can mask or override it, and its result, once stored, replaces it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.screening_gate.conftest import resident_id
from tests.screening_gate.files import upload, zip_bytes
from xxgk.publishing import screening_gate, screening_jobs, services
from xxgk.publishing.models import Attachment, EventAction, FindingStatus, RecordState, ScreeningState

ID = resident_id("46020020010101001")
LIST = zip_bytes({"名单.txt": f"序号\t姓名\t身份证号\n1\t陈思远\t{ID}\n"})


@pytest.fixture
def pending(world, settings):
    """A draft with a zip attached: zips are screened in the background, so it is pending (the
    test's transaction never commits, so the background job never starts)."""
    settings.XXGK_SCREENING_BACKGROUND = True
    record = world.draft(title="2024年国家助学金获得者名单公示")
    attachment = services.add_attachment(world.drafter_a, record, upload("材料.zip", LIST))
    assert attachment.screening == ScreeningState.PENDING
    return record, attachment


def test_a_pending_attachment_is_one_finding_that_stops_the_secrecy_review(world, pending):
    record, attachment = pending
    (finding,) = record.findings.all()
    assert (finding.kind, finding.text, finding.status) == (screening_gate.PENDING, "材料.zip", FindingStatus.OPEN)
    assert str(screening_gate.KIND_LABELS[finding.kind]) == "筛查中"
    with pytest.raises(ValidationError):
        services.mask_finding(world.drafter_a, finding)
    services.submit(world.drafter_a, record)
    services.approve(world.checker_a, record)  # 核稿 reads the content; it need not wait
    with pytest.raises(ValidationError) as refused:
        services.approve(world.secrecy, record)
    assert "材料.zip" in str(refused.value) and "正在自动筛查" in str(refused.value)
    with pytest.raises(ValidationError):
        services.override_finding(world.secrecy, finding, reason="已人工核对，附件不含个人信息。")
    assert record.findings.get().status == FindingStatus.OPEN


def test_the_signer_cannot_pass_it_either(world, pending):
    record, attachment = pending
    screening_jobs.screen_attachment(attachment.pk)
    services.submit(world.drafter_a, record)
    services.approve(world.checker_a, record)
    for finding in record.findings.filter(status=FindingStatus.OPEN):
        services.override_finding(world.secrecy, finding, reason="获得者本人同意公示。")
    services.approve(world.secrecy, record)
    # however a file comes to be pending again after 保密审查 (here: marked so by hand)
    Attachment.objects.filter(pk=attachment.pk).update(screening=ScreeningState.PENDING)
    screening_gate.rescan(record)
    with pytest.raises(ValidationError) as refused:
        services.approve(world.signer, record)
    assert "正在自动筛查" in str(refused.value)


def test_the_record_page_says_it_is_being_screened(client, world, pending):
    record, attachment = pending
    finding = record.findings.get()
    client.force_login(world.drafter_a)
    html = client.get(reverse("workbench:record", args=[record.pk])).content.decode()
    assert 'id="screening-pending"' in html and "材料.zip" in html and "筛查中" in html
    assert reverse("workbench:finding_override", args=[finding.pk]) not in html
    assert reverse("workbench:finding_mask", args=[finding.pk]) not in html


def test_publication_waits_for_the_result(world, pending):
    record, attachment = pending
    screening_jobs.screen_attachment(attachment.pk)
    services.submit(world.drafter_a, record)
    services.approve(world.checker_a, record)
    for finding in record.findings.filter(status=FindingStatus.OPEN):
        services.override_finding(world.secrecy, finding, reason="获得者本人同意公示。")
    services.approve(world.secrecy, record)
    services.approve(world.signer, record)
    # however a file comes to be pending again (here: marked so by hand), nothing is published meanwhile
    Attachment.objects.filter(pk=attachment.pk).update(screening=ScreeningState.PENDING)
    with pytest.raises(ValidationError) as refused:
        services.publish(world.signer, record)
    assert "正在自动筛查" in str(refused.value)
    record.refresh_from_db()
    assert record.state == RecordState.APPROVED


def test_the_result_replaces_the_pending_finding(world, pending):
    record, attachment = pending
    assert screening_jobs.screen_attachment(attachment.pk) is True
    attachment.refresh_from_db()
    assert attachment.screening == ScreeningState.DONE and ID in attachment.text
    assert not record.findings.filter(kind=screening_gate.PENDING).exists()
    finding = record.findings.get(kind="id_card")
    assert finding.text == ID and "名单.txt" in finding.location
    event = record.events.get(action=EventAction.SCREENING_DONE)
    assert event.actor is None
    assert (event.data["attachment"], event.data["findings"], event.data["unscreenable"]) == (
        "材料.zip",
        record.findings.count(),
        0,
    )
    assert screening_jobs.screen_attachment(attachment.pk) is False  # done already: nothing to do


def test_a_result_for_a_file_that_changed_meanwhile_is_not_stored(world, pending, monkeypatch):
    record, attachment = pending
    screen = screening_jobs.summarise_isolated

    def masked_meanwhile(*args, **kwargs):
        Attachment.objects.filter(pk=attachment.pk).update(sha256="0" * 64)
        return screen(*args, **kwargs)

    monkeypatch.setattr(screening_jobs, "summarise_isolated", masked_meanwhile)
    assert screening_jobs.screen_attachment(attachment.pk) is False
    attachment.refresh_from_db()
    assert attachment.screening == ScreeningState.PENDING
    assert record.findings.get().kind == screening_gate.PENDING
    assert not record.events.filter(action=EventAction.SCREENING_DONE).exists()
