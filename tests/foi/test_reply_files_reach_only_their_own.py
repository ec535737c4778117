"""A reply's files are reached only by those handling the application: staff of another institution or
another department, the supervisor and the public are refused every staff URL; the applicant gets a file
only once the reply is sent, only through their own code and password or their own signed link, and never
another application's file through theirs."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.foi.conftest import applicant, second_office
from xxgk.core.links import case_token
from xxgk.foi import reply_files, services
from xxgk.foi.applicant_messages import LINK_KIND
from xxgk.foi.models import ReplyType


def _sent(world, title="2023年招生计划"):
    receipt = services.submit_online(world.institution, applicant(title=title), today=date(2024, 3, 1))
    app = receipt.application
    services.route(world.office, app, world.dept_a)
    row = reply_files.add_reply_file(world.drafter_a, app, SimpleUploadedFile("计划.txt", f"{title}：100人".encode()))
    public = ReplyType.objects.get(code="public")
    services.draft_reply(world.drafter_a, app, reply_type=public, reason=None, text="现提供。")
    return receipt, row


@pytest.fixture
def sent(world):
    receipt, row = _sent(world)
    app = receipt.application
    services.approve_reply(second_office(world), app)
    services.send_reply(world.office, app, on=date(2024, 3, 8))
    return receipt, row


def _staff_urls(app, row):
    return {
        "GET": [reverse("foi_staff:file", args=[app.pk, row.pk])],
        "POST": [
            reverse("foi_staff:file_upload", args=[app.pk]),
            reverse("foi_staff:file_mask", args=[app.pk, row.pk]),
            reverse("foi_staff:file_override", args=[app.pk, row.pk]),
            reverse("foi_staff:file_remove", args=[app.pk, row.pk]),
        ],
    }


@pytest.mark.parametrize("who", ["other_office", "other_drafter", "drafter_b", "checker_b", "supervisor", "nobody"])
def test_staff_elsewhere_are_refused(client, world, who):
    receipt, row = _sent(world)
    app = receipt.application
    client.force_login(world.people[who])
    for method, urls in _staff_urls(app, row).items():
        for url in urls:
            response = client.get(url) if method == "GET" else client.post(url, {"files-files": ""})
            assert response.status_code in {403, 404}, (who, method, url, response.status_code)
    assert row.__class__.objects.filter(pk=row.pk).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    receipt, row = _sent(world)
    for method, urls in _staff_urls(receipt.application, row).items():
        for url in urls:
            response = client.get(url) if method == "GET" else client.post(url)
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_department_drafter_and_the_office_reach_them(client, world):
    receipt, row = _sent(world)
    for person in (world.drafter_a, world.office):
        client.force_login(person)
        response = client.get(reverse("foi_staff:file", args=[receipt.application.pk, row.pk]))
        assert response.status_code == 200 and b"100" in b"".join(response.streaming_content)


def test_the_applicant_gets_nothing_before_the_reply_is_sent(client, world):
    receipt, row = _sent(world)
    app = receipt.application
    client.post(reverse("foi:status", args=["hblg"]), {"code": app.code, "secret": receipt.secret})
    assert client.get(reverse("foi:file", args=["hblg", app.code, row.pk])).status_code == 404
    token = case_token(LINK_KIND, app.pk)
    assert client.get(reverse("foi:link_file", args=["hblg", token, row.pk])).status_code == 404


def test_one_applicant_cannot_reach_anothers_file(client, world, sent):
    receipt, row = sent
    mine, my_row = _sent(world, title="2023年就业质量报告")
    app, other = receipt.application, mine.application
    services.approve_reply(second_office(world), other)
    services.send_reply(world.office, other, on=date(2024, 3, 8))
    client.post(reverse("foi:status", args=["hblg"]), {"code": other.code, "secret": mine.secret})
    assert client.get(reverse("foi:file", args=["hblg", other.code, my_row.pk])).status_code == 200
    # not opened with this session, and not through the applicant's own application
    assert client.get(reverse("foi:file", args=["hblg", app.code, row.pk])).status_code == 404
    assert client.get(reverse("foi:file", args=["hblg", other.code, row.pk])).status_code == 404
    my_token = case_token(LINK_KIND, other.pk)
    assert client.get(reverse("foi:link_file", args=["hblg", my_token, row.pk])).status_code == 404
    # another institution's address, a forged token
    token = case_token(LINK_KIND, app.pk)
    assert client.get(reverse("foi:link_file", args=["scsf", token, row.pk])).status_code == 302
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(reverse("foi:link_file", args=["hblg", forged, row.pk])).status_code == 302
    # its own link works
    assert client.get(reverse("foi:link_file", args=["hblg", token, row.pk])).status_code == 200
