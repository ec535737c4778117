"""Attachments are scanned on upload; masking writes a masked copy and keeps the original for staff only."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.screening_gate.conftest import resident_id
from xxgk import screening
from xxgk.publishing import services
from xxgk.publishing.models import FindingStatus

IDS = [resident_id("46020020010101001"), resident_id("46010020000712002")]


def _admission_list() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", "身份证号", "录取专业"])
    ws.append([1, "陈思远", IDS[0], "海洋科学"])
    ws.append([2, "林雨桐", IDS[1], "水产养殖学"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_masking_an_attachment(client, world):
    record = world.draft(title="2024年专升本拟录取名单公示")
    upload = SimpleUploadedFile("拟录取名单.xlsx", _admission_list())
    attachment = services.add_attachment(world.drafter_a, record, upload)
    findings = record.findings.filter(attachment=attachment)
    assert {f.text for f in findings.filter(kind="id_card")} == set(IDS)
    assert "陈思远" in attachment.__class__.objects.get(pk=attachment.pk).text

    services.mask_finding(world.drafter_a, findings.filter(kind="id_card").first())
    attachment.refresh_from_db()
    with attachment.file.open("rb") as handle:
        rescanned = screening.scan_extracted(screening.extract(handle.read(), attachment.name))
    assert not [f for f in rescanned if f.kind == "id_card"]
    assert attachment.original_file  # kept for staff
    assert not record.findings.filter(status=FindingStatus.OPEN, kind="id_card").exists()
    assert record.events.filter(action="screening_masked").exists()
