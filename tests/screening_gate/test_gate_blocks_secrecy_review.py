"""Personal data found in a record blocks 保密审查 until it is masked; masking is one click."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.screening_gate.conftest import resident_id
from xxgk.publishing import services
from xxgk.publishing.models import FindingStatus

ID = resident_id("46020019990315123")


def _disciplinary(world):
    body = (
        f"<p>关于给予学生处分的决定</p><p>学生王小明，身份证号{ID}，因考试作弊，"
        f"根据《学生违纪处分办法》给予王小明同学留校察看处分。</p>"
    )
    return world.draft(title="关于给予学生处分的决定", body=body)


def test_findings_are_recorded_on_save(world):
    record = _disciplinary(world)
    kinds = {f.kind for f in record.findings.all()}
    assert "id_card" in kinds
    assert record.findings.get(kind="id_card").text == ID
    assert all(f.status == FindingStatus.OPEN for f in record.findings.all())


def test_secrecy_review_refuses_until_masked(world):
    record = _disciplinary(world)
    services.submit(world.drafter_a, record)
    services.approve(world.checker_a, record)  # 核稿 is not the gate
    with pytest.raises(ValidationError) as refused:
        services.approve(world.secrecy, record)
    assert "未处理" in str(refused.value) and "身份证号" in str(refused.value)
    record.refresh_from_db()
    assert record.step.name == "保密审查"

    masked_kinds = []
    while (finding := record.findings.filter(status=FindingStatus.OPEN).first()) is not None:
        masked_kinds.append(finding.kind)  # each masking re-scans, so look again
        services.mask_finding(world.secrecy, finding)
        assert len(masked_kinds) < 10
    record.refresh_from_db()
    assert ID not in record.body
    assert ID[:4] + "*" * 10 + ID[-4:] in record.body
    assert "id_card" in masked_kinds
    if "person_name" in masked_kinds:
        assert "王*明" in record.body
    assert not record.findings.filter(status=FindingStatus.OPEN).exists()
    services.approve(world.secrecy, record)
    record.refresh_from_db()
    assert record.step.name == "审签"
    assert record.events.filter(action="screening_masked").exists()


def test_the_record_page_highlights_findings(client, world):
    record = _disciplinary(world)
    client.force_login(world.drafter_a)
    html = client.get(reverse("workbench:record", args=[record.pk])).content.decode()
    assert f"<mark>{ID}</mark>" in html
    assert "一键屏蔽" in html


def test_one_click_masking_through_the_page(client, world):
    record = _disciplinary(world)
    finding = record.findings.get(kind="id_card")
    client.force_login(world.drafter_a)
    client.post(reverse("workbench:finding_mask", args=[finding.pk]))
    record.refresh_from_db()
    assert ID not in record.body


def test_another_department_cannot_mask(client, world):
    record = _disciplinary(world)
    finding = record.findings.get(kind="id_card")
    client.force_login(world.drafter_b)
    assert client.post(reverse("workbench:finding_mask", args=[finding.pk])).status_code == 403
    record.refresh_from_db()
    assert ID in record.body


def test_the_institutions_own_contacts_are_not_findings(world):
    record = world.draft(body="<p>咨询电话：0898-66660000，邮箱 xxgk@hblg.edu.cn。</p>")
    assert not record.findings.exists()
    other = world.draft(body="<p>联系人手机 13812345678。</p>")
    assert other.findings.filter(kind="mobile").exists()
