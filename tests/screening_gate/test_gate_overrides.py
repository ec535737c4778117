"""A secrecy marking cannot be masked away; a reviewer may override a finding only with a written reason."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xxgk.publishing import services
from xxgk.publishing.models import FindingStatus


def _marked(world):
    record = world.draft(title="2024年工作要点", body="<p>秘密★1年</p><p>一、加强党的建设……</p>")
    services.submit(world.drafter_a, record)
    services.approve(world.checker_a, record)
    return record


def test_a_secrecy_marking_blocks_and_cannot_be_masked(world):
    record = _marked(world)
    marker = record.findings.get(kind="secret_marker")
    with pytest.raises(ValidationError) as refused:
        services.mask_finding(world.secrecy, marker)
    assert "涉密信息不得公开" in str(refused.value)
    with pytest.raises(ValidationError):
        services.approve(world.secrecy, record)


def test_override_needs_a_reason_and_the_right_reviewer(world):
    record = _marked(world)
    marker = record.findings.get(kind="secret_marker")
    with pytest.raises(ValidationError):
        services.override_finding(world.secrecy, marker, reason="  ")
    with pytest.raises(PermissionDenied):
        services.override_finding(world.drafter_a, marker, reason="我觉得可以")
    with pytest.raises(PermissionDenied):
        services.override_finding(world.checker_a, marker, reason="我觉得可以")
    services.override_finding(world.secrecy, marker, reason="该文件已于2024年3月解密，见解密通知。")
    event = record.events.get(action="screening_override")
    assert event.actor == world.secrecy and "解密" in event.comment
    services.approve(world.secrecy, record)
    record.refresh_from_db()
    assert record.step.name == "审签"


def test_an_override_survives_a_rescan(world):
    record = world.draft(body="<p>联系人手机 13812345678。</p>")
    services.submit(world.drafter_a, record)
    services.approve(world.checker_a, record)
    finding = record.findings.get(kind="mobile")
    services.override_finding(world.secrecy, finding, reason="本人同意公开的工作手机。")
    services.return_for_changes(world.signer if False else world.secrecy, record, comment="补充落款。")
    record.refresh_from_db()
    services.update_draft(world.drafter_a, record, {"body": "<p>联系人手机 13812345678。</p><p>党委宣传部</p>"})
    kept = record.findings.get(kind="mobile")
    assert kept.status == FindingStatus.OVERRIDDEN and "同意公开" in kept.override_reason


def test_a_correction_that_adds_personal_data_is_refused(world):
    record = world.draft(body="<p>录取名单见附件。</p>")
    services.submit(world.drafter_a, record)
    world.through_chain(record)
    with pytest.raises(ValidationError) as refused:
        services.correct(world.signer, record, {"body": "<p>录取名单：李华，手机13912345678。</p>"}, reason="补充名单")
    assert "手机号码" in str(refused.value)
    record.refresh_from_db()
    assert "13912345678" not in record.body and record.version == 1
