"""The reply's e-mail names each file the reply provides, with a signed link that downloads it (the masked
copy) without the code and password."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.foi.conftest import applicant, second_office
from xxgk.foi import reply_files, services
from xxgk.foi.models import ReplyType
from xxgk.notify.models import Message

SITE = "https://xxgk.example.edu.cn"
MOBILE = "13912345678"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.XXGK_SITE_URL = SITE


def test_the_mail_lists_each_file_with_its_download_link(client, world):
    app = services.submit_online(world.institution, applicant(), today=date(2024, 3, 1)).application
    first = reply_files.add_reply_file(
        world.office, app, SimpleUploadedFile("联系表.txt", f"招生办 联系电话 {MOBILE}".encode())
    )
    reply_files.mask_reply_file(world.office, first)
    second = reply_files.add_reply_file(world.office, app, SimpleUploadedFile("招生计划.txt", "计划100人".encode()))
    public = ReplyType.objects.get(code="public")
    services.draft_reply(world.office, app, reply_type=public, reason=None, text="现提供所申请的信息。")
    services.approve_reply(second_office(world), app)
    services.send_reply(world.office, app, on=date(2024, 3, 8))

    body = Message.objects.about(app).get(kind="foi.replied").body
    assert "1. 联系表.txt" in body and "2. 招生计划.txt" in body
    links = re.findall(re.escape(SITE) + r"(/\S+/files/\d+/)", body)
    assert [link.rsplit("/", 2)[-2] for link in links] == [str(first.pk), str(second.pk)]

    response = client.get(links[0])  # no session: the signed link alone
    data = b"".join(response.streaming_content).decode()
    assert response.status_code == 200 and "招生办" in data and MOBILE not in data
