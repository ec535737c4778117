"""A PDF notice with a scanned list pasted in as a picture on a page with text: the gate finds the ID
numbers in the picture and names it (第1页 图片1); like a picture in an Office document, a finding in it
is not masked automatically (masking the file would leave the picture as it is): a person replaces the
picture, or the 保密审查 step confirms in writing."""

import pymupdf
import pytest
from django.core.exceptions import ValidationError

from tests.screening.scans import to_jpeg, typed_list_page
from tests.screening_gate.files import upload
from xxgk.publishing import screening_gate, services


def _notice_pdf(picture: bytes, height: float) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=595.28, height=841.89)
    page.insert_text(
        (60, 72),
        "根据有关规定，现将我校2023年专升本拟录取名单予以公示，公示期为五个工作日。名单如下：",
        fontname="china-s",
        fontsize=11,
    )
    page.insert_image(pymupdf.Rect(60, 100, 535, 100 + height), stream=picture)
    return doc.tobytes()


def test_ids_in_a_picture_of_a_pdf_block_and_cannot_be_masked_automatically(world, screen_in_request):
    image, people = typed_list_page(dpi=200, rows=2)
    data = _notice_pdf(to_jpeg(image), 475 * image.height / image.width)
    record = world.draft(title="2023年专升本拟录取名单公示")
    attachment = services.add_attachment(world.drafter_a, record, upload("名单.pdf", data))
    findings = list(record.findings.filter(attachment=attachment, kind="id_card"))
    assert {f.text for f in findings} == {p[1] for p in people}
    assert all(f.in_picture and "第1页 图片1" in f.location for f in findings)
    assert screening_gate.blocking(record)
    with pytest.raises(ValidationError, match="图片"):
        services.mask_finding(world.drafter_a, findings[0])
