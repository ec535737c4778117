"""An attachment the library cannot read blocks publication until the 保密审查 reviewer clears it
with a written statement; masking cannot clear it, and a drafter or checker cannot."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.screening_gate.files import OLE, docx_bytes, upload, zip_bytes
from xxgk.publishing import screening_gate, services
from xxgk.publishing.models import FindingStatus, RecordState

PPTX = zip_bytes({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>", "ppt/slides/slide1.xml": "<s/>"})
OFD = zip_bytes({"OFD.xml": "<ofd:OFD/>", "Doc_0/Document.xml": "<ofd:Document/>"})
DAMAGED_DOCX = docx_bytes("2024年拟录取名单")[:6000]
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64

pytestmark = pytest.mark.usefixtures("screen_in_request")


@pytest.fixture(
    params=[
        ("名单.doc", OLE, ".doc"),
        ("汇报.pptx", PPTX, "演示文稿"),
        ("公文.ofd", OFD, "OFD"),
        ("名单.docx", DAMAGED_DOCX, "损坏"),
        ("名单.png", PNG, "图片"),
    ],
    ids=["doc", "pptx", "ofd", "damaged-docx", "image"],
)
def unscreenable(request, world):
    name, data, why = request.param
    record = world.draft(title="2024年专升本拟录取名单公示")
    services.add_attachment(world.drafter_a, record, upload(name, data))
    finding = record.findings.get()
    assert finding.kind == screening_gate.UNSCREENABLE and finding.text == name
    assert why in finding.reason
    return record, finding


def test_it_blocks_until_the_secrecy_reviewer_clears_it(world, unscreenable):
    record, finding = unscreenable
    assert str(screening_gate.KIND_LABELS[finding.kind]) == "无法自动筛查，需人工确认"
    with pytest.raises(ValidationError):
        services.mask_finding(world.drafter_a, finding)
    services.submit(world.drafter_a, record)
    services.approve(world.checker_a, record)
    with pytest.raises(ValidationError) as refused:
        services.approve(world.secrecy, record)
    assert finding.text in str(refused.value)

    for person in (world.drafter_a, world.checker_a):
        with pytest.raises(PermissionDenied):
            services.override_finding(person, finding, reason="我看过了")
    with pytest.raises(ValidationError):
        services.mask_finding(world.secrecy, finding)
    with pytest.raises(ValidationError):
        services.override_finding(world.secrecy, finding, reason=" ")
    assert record.findings.get().status == FindingStatus.OPEN

    services.override_finding(world.secrecy, finding, reason="已逐页人工核对，附件不含个人信息。")
    event = record.events.get(action="screening_override")
    assert event.actor == world.secrecy and "人工核对" in event.comment
    services.approve(world.secrecy, record)
    services.approve(world.signer, record)
    services.publish(world.signer, record)
    record.refresh_from_db()
    assert record.state == RecordState.PUBLISHED


def test_the_record_page_offers_no_masking_for_it(client, world, unscreenable):
    from django.urls import reverse

    record, finding = unscreenable
    client.force_login(world.drafter_a)
    html = client.get(reverse("workbench:record", args=[record.pk])).content.decode()
    assert "无法自动筛查，需人工确认" in html
    assert reverse("workbench:finding_mask", args=[finding.pk]) not in html
