"""A zip attachment is opened: an ID number in a member is a finding naming the member, and a
member that cannot be screened blocks as unscreenable."""

import pytest
from django.core.exceptions import ValidationError

from tests.screening_gate.conftest import resident_id
from tests.screening_gate.files import OLE, upload, zip_bytes
from xxgk.publishing import screening_gate, services

ID = resident_id("46020020010101001")

pytestmark = pytest.mark.usefixtures("screen_in_request")


def test_an_id_number_in_a_zipped_list_is_found(world):
    record = world.draft(title="2024年国家助学金获得者名单公示")
    data = zip_bytes({"说明.txt": "公示期五个工作日。", "名单.txt": f"序号\t姓名\t身份证号\n1\t陈思远\t{ID}\n"})
    attachment = services.add_attachment(world.drafter_a, record, upload("材料.zip", data))
    finding = record.findings.get(attachment=attachment, kind="id_card")
    assert finding.text == ID and "名单.txt" in finding.location
    assert not record.findings.filter(kind=screening_gate.UNSCREENABLE).exists()


def test_a_member_that_cannot_be_screened_blocks(world):
    record = world.draft(title="2024年国家助学金获得者名单公示")
    data = zip_bytes({"说明.txt": "公示期五个工作日。", "旧名单.xls": OLE})
    services.add_attachment(world.drafter_a, record, upload("材料.zip", data))
    finding = record.findings.get(kind=screening_gate.UNSCREENABLE)
    assert finding.text == "材料.zip/旧名单.xls" and ".xls" in finding.reason
    services.submit(world.drafter_a, record)
    services.approve(world.checker_a, record)
    with pytest.raises(ValidationError) as refused:
        services.approve(world.secrecy, record)
    assert "材料.zip/旧名单.xls" in str(refused.value)


def test_a_finding_in_a_zip_cannot_be_masked_but_is_refused_cleanly(client, world):
    from django.urls import reverse

    record = world.draft(title="2024年国家助学金获得者名单公示")
    data = zip_bytes({"名单.txt": f"序号\t姓名\t身份证号\n1\t陈思远\t{ID}\n"})
    services.add_attachment(world.drafter_a, record, upload("材料.zip", data))
    finding = record.findings.get(kind="id_card")
    with pytest.raises(ValidationError) as refused:
        services.mask_finding(world.drafter_a, finding)
    assert "压缩包" in str(refused.value)
    client.force_login(world.drafter_a)
    html = client.get(reverse("workbench:record", args=[record.pk])).content.decode()
    assert reverse("workbench:finding_mask", args=[finding.pk]) not in html
    assert client.post(reverse("workbench:finding_mask", args=[finding.pk])).status_code == 302
