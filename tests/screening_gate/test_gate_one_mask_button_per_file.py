"""Masking an attachment masks every finding in the file at once, so the record page offers one
button for the file however many values it holds; a value in the record's own text keeps its own."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.screening_gate.conftest import resident_id
from xxgk.publishing import services

IDS = [resident_id(f"46020020010101{n:03d}") for n in range(1, 6)]
MOBILE = "13912345678"


def test_one_mask_button_per_attachment(client, world):
    record = world.draft(title="2024年国家助学金获得者名单公示", body=f"<p>联系人手机：{MOBILE}</p>")
    lines = "\n".join(f"{n}\t陈思远\t{i}" for n, i in enumerate(IDS, 1))
    services.add_attachment(
        world.drafter_a, record, SimpleUploadedFile("名单.txt", f"序号\t姓名\t身份证号\n{lines}\n".encode())
    )
    assert record.findings.filter(field="attachment", kind="id_card").count() == len(IDS)

    client.force_login(world.drafter_a)
    page = client.get(reverse("workbench:record", args=[record.pk])).content.decode()
    assert page.count("屏蔽附件中的个人信息") == 1
    assert page.count("一键屏蔽") == 1  # the mobile number in the body
