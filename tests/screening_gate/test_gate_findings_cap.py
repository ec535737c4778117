"""More findings than the cap in one attachment (or field) give one blocking "发现项过多" finding,
not thousands of rows; it cannot be masked, only cleared in writing by the 保密审查 reviewer."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.screening_gate.files import docx_bytes, upload
from xxgk.publishing import screening_gate, services

PHONES = "\n".join(f"联系人{i}：手机 139{i:08d}" for i in range(600))


def test_an_attachment_over_the_cap_gives_one_finding(client, world):
    record = world.draft(title="2024年校友通讯录")
    services.add_attachment(world.drafter_a, record, upload("通讯录.docx", docx_bytes(PHONES)))
    (finding,) = record.findings.all()
    assert finding.kind == screening_gate.TOO_MANY and finding.text.startswith("通讯录.docx")
    assert "600" in finding.text and "500" in finding.reason and "手机号码" in finding.context
    assert str(screening_gate.KIND_LABELS[finding.kind]) == "发现项过多，需人工处理"

    client.force_login(world.drafter_a)
    html = client.get(reverse("workbench:record", args=[record.pk])).content.decode()
    assert "发现项过多，需人工处理" in html
    assert reverse("workbench:finding_mask", args=[finding.pk]) not in html
    with pytest.raises(ValidationError):
        services.mask_finding(world.drafter_a, finding)

    services.submit(world.drafter_a, record)
    services.approve(world.checker_a, record)
    with pytest.raises(ValidationError):
        services.approve(world.secrecy, record)
    services.override_finding(world.secrecy, finding, reason="校友本人均已书面同意公开联系方式。")
    services.approve(world.secrecy, record)


def test_a_body_over_the_cap_gives_one_finding(world):
    body = "".join(f"<p>{line}</p>" for line in PHONES.splitlines())
    record = world.draft(title="2024年校友通讯录", body=body)
    (finding,) = record.findings.all()
    assert finding.kind == screening_gate.TOO_MANY and finding.field == "body"
