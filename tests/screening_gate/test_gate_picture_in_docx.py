"""A .docx with a scanned list pasted in as a picture: the gate finds the ID numbers in the picture,
names it, and refuses to mask it automatically (a person removes or replaces the picture)."""

import io

import docx
import pytest
from django.core.exceptions import ValidationError
from docx.shared import Cm

from tests.screening.scans import to_png, typed_list_page
from tests.screening_gate.files import upload
from xxgk.publishing import screening_gate, services


def test_ids_in_a_pasted_scan_block_and_cannot_be_masked_automatically(world, screen_in_request):
    image, people = typed_list_page(dpi=200, rows=2)
    d = docx.Document()
    d.add_paragraph("拟录取名单见下图")
    d.add_picture(io.BytesIO(to_png(image)), width=Cm(15))
    out = io.BytesIO()
    d.save(out)
    record = world.draft(title="2023年专升本拟录取名单公示")
    attachment = services.add_attachment(world.drafter_a, record, upload("名单.docx", out.getvalue()))
    findings = list(record.findings.filter(attachment=attachment, kind="id_card"))
    assert {f.text for f in findings} == {p[1] for p in people}
    assert all(f.in_picture for f in findings)
    assert screening_gate.blocking(record)
    with pytest.raises(ValidationError, match="图片"):
        services.mask_finding(world.drafter_a, findings[0])
