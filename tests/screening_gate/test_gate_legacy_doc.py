"""A Word 97-2003 .doc attached to a draft is converted and screened: an ID number in it is an
ID finding like in a .docx, not a blocking "cannot screen". Masking it writes no .doc: the
drafter is told to save it as .docx and upload that."""

from __future__ import annotations

from tests.screening.legacy import needs_soffice, save_as
from tests.screening_gate.conftest import resident_id
from tests.screening_gate.files import upload
from xxgk.publishing import screening_gate, services

ID = resident_id("46020020010101001")
pytestmark = needs_soffice


def test_an_id_number_in_a_doc_attachment_is_found(world, tmp_path, screen_in_request):
    import docx

    source = tmp_path / "名单.docx"
    d = docx.Document()
    d.add_paragraph("2024年国家助学金获得者名单公示")
    d.add_paragraph(f"陈思远 身份证号：{ID}")
    d.save(source)
    record = world.draft(title="2024年国家助学金获得者名单公示")
    attachment = services.add_attachment(world.drafter_a, record, upload("名单.doc", save_as(source, "doc")))
    finding = record.findings.get(attachment=attachment, kind="id_card")
    assert finding.text == ID
    assert not record.findings.filter(kind=screening_gate.UNSCREENABLE).exists()


def test_masking_a_doc_attachment_writes_no_doc(world, tmp_path, screen_in_request):
    import docx
    import pytest
    from django.core.exceptions import ValidationError

    source = tmp_path / "名单.docx"
    d = docx.Document()
    d.add_paragraph(f"陈思远 身份证号：{ID}")
    d.save(source)
    record = world.draft(title="2024年国家助学金获得者名单公示")
    attachment = services.add_attachment(world.drafter_a, record, upload("名单.doc", save_as(source, "doc")))
    finding = record.findings.get(attachment=attachment, kind="id_card")
    with pytest.raises(ValidationError) as refused:
        services.mask_finding(world.drafter_a, finding)
    assert "另存为 .docx 后重新上传" in str(refused.value)
    attachment.refresh_from_db()
    assert attachment.name == "名单.doc" and record.findings.get(pk=finding.pk).status == finding.status
