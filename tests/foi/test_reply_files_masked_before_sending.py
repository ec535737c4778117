"""A 予以公开 reply carries the disclosed files: a file with personal data stops approval until it is masked
(one button per file), and the applicant downloads the masked copy, never the original."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.foi.conftest import applicant, second_office
from tests.screening_gate.conftest import resident_id
from xxgk.foi import reply_files, services
from xxgk.foi.models import EventAction, ReplyType

IDS = [resident_id(f"46020020010101{n:03d}") for n in range(1, 4)]


def _list() -> bytes:
    lines = "\n".join(f"{n}\t陈思远\t{i}\t3000元" for n, i in enumerate(IDS, 1))
    return f"序号\t姓名\t身份证号\t金额\n{lines}\n".encode()


@pytest.fixture
def drafted(world):
    receipt = services.submit_online(world.institution, applicant(), today=date(2024, 3, 1))
    app = receipt.application
    public = ReplyType.objects.get(code="public")
    services.draft_reply(world.office, app, reply_type=public, reason=None, text="现提供2023年助学金发放名单。")
    return receipt


def test_findings_stop_approval_until_the_file_is_masked(client, world, drafted):
    app = drafted.application
    row = reply_files.add_reply_file(world.office, app, SimpleUploadedFile("助学金名单.txt", _list()))
    assert [r[1] for r in row.findings if r[0] == "id_card"] == IDS
    approver = second_office(world)
    with pytest.raises(ValidationError, match=r"答复附件尚有 \d+ 处个人信息"):
        services.approve_reply(approver, app)

    client.force_login(world.office)
    page = client.get(reverse("foi_staff:detail", args=[app.pk])).content.decode()
    assert page.count("屏蔽文件中的个人信息") == 1 and IDS[0] in page
    client.post(reverse("foi_staff:file_mask", args=[app.pk, row.pk]))
    row.refresh_from_db()
    assert row.original_file and row.screening == "done" and reply_files.open_findings(row) == []
    assert app.events.filter(action=EventAction.FILE_MASKED, actor=world.office).exists()

    services.approve_reply(approver, app)
    services.send_reply(world.office, app, on=date(2024, 3, 8))

    client.logout()
    client.post(reverse("foi:status", args=["hblg"]), {"code": app.code, "secret": drafted.secret})
    status = client.get(reverse("foi:status_detail", args=["hblg", app.code])).content.decode()
    url = reverse("foi:file", args=["hblg", app.code, row.pk])
    assert "助学金名单.txt" in status and url in status
    response = client.get(url)
    data = b"".join(response.streaming_content)
    assert response.status_code == 200 and quote("助学金名单.txt") in response["Content-Disposition"]
    assert "3000元" in data.decode() and not any(i.encode() in data for i in IDS)
    with row.original_file.open("rb") as original:  # kept for staff, never what the applicant gets
        assert IDS[0].encode() in original.read()


def test_a_clean_file_goes_with_the_reply_and_the_letter_names_it(world, drafted):
    app = drafted.application
    row = reply_files.add_reply_file(
        world.office, app, SimpleUploadedFile("招生计划.txt", "各专业招生计划100人。".encode())
    )
    assert row.findings == [] and row.screening == "done"
    services.approve_reply(second_office(world), app)
    services.send_reply(world.office, app, on=date(2024, 3, 8))
    from xxgk.foi.letters import render_letter

    app.refresh_from_db()
    paragraphs = render_letter(app, app.reply)[1]
    assert paragraphs[-1] == "随本答复书提供以下文件，可在信息公开申请办理进度页下载：1. 招生计划.txt。"
