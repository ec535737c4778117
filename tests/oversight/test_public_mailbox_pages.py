"""The public form: boxes listed, a letter written, the receipt shown once; spam guards and bad input."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from xxgk.oversight.models import Letter
from xxgk.oversight.views import form_token


@pytest.fixture
def client():
    return Client()


def form_data(box, **extra):
    data = {
        "writer_name": "林小雨",
        "writer_contact": "13912345678",
        "subject": "图书馆开放时间",
        "message": "希望考试周图书馆延长开放。",
        "wants_public_reply": "on",
        "token": form_token(box),
        "homepage": "",
    }
    data.update(extra)
    return data


def test_boxes_are_listed(world, client):
    page = client.get("/hblg/mailbox/").content.decode()
    assert "校长信箱" in page and "学生工作处意见信箱" in page
    assert client.get("/nope/mailbox/").status_code == 404


def test_letter_is_received_and_the_receipt_shows_code_and_password_once(world, client):
    box = world.president_box
    response = client.post(f"/hblg/mailbox/{box.pk}/write/", form_data(box))
    assert response.status_code == 302 and response["Location"].endswith("/hblg/mailbox/receipt/")
    letter = Letter.objects.get()
    page = client.get("/hblg/mailbox/receipt/").content.decode()
    assert letter.query_code in page
    password = re.search(r'id="query-password"><strong>(\w+)</strong>', page).group(1)
    from xxgk.oversight import services

    assert services.lookup(letter.query_code, password) == letter
    again = client.get("/hblg/mailbox/receipt/").content.decode()
    assert letter.query_code not in again and "只显示一次" in again


def test_missing_contact_keeps_what_was_typed(world, client):
    box = world.president_box
    response = client.post(f"/hblg/mailbox/{box.pk}/write/", form_data(box, writer_contact=""))
    page = response.content.decode()
    assert response.status_code == 400 and "联系方式" in page
    assert "希望考试周图书馆延长开放。" in page and Letter.objects.count() == 0


def test_honeypot_and_forged_token_are_refused(world, client):
    box = world.president_box
    assert client.post(f"/hblg/mailbox/{box.pk}/write/", form_data(box, homepage="http://spam")).status_code == 400
    forged = form_token(box)[:-2] + "xx"
    response = client.post(f"/hblg/mailbox/{box.pk}/write/", form_data(box, token=forged))
    assert response.status_code == 400 and "刷新页面" in response.content.decode()
    other_box = world.dept_box
    assert client.post(f"/hblg/mailbox/{box.pk}/write/", form_data(box, token=form_token(other_box))).status_code == 400
    assert Letter.objects.count() == 0


def test_too_fast_is_refused(world, client, monkeypatch):
    from xxgk.oversight import views

    monkeypatch.setattr(views, "FORM_MIN_SECONDS", 60)
    box = world.president_box
    response = client.post(f"/hblg/mailbox/{box.pk}/write/", form_data(box))
    assert response.status_code == 400 and "过快" in response.content.decode()


def test_rate_limited_per_visitor(world, client):
    box = world.president_box
    for _ in range(5):
        assert client.post(f"/hblg/mailbox/{box.pk}/write/", form_data(box)).status_code == 302
    response = client.post(f"/hblg/mailbox/{box.pk}/write/", form_data(box))
    assert response.status_code == 400 and "太频繁" in response.content.decode()
    assert Letter.objects.count() == 5
    other_visitor = Client(REMOTE_ADDR="10.9.9.9")
    assert other_visitor.post(f"/hblg/mailbox/{box.pk}/write/", form_data(box)).status_code == 302


def test_attachments_are_checked(world, client):
    box = world.president_box
    fake = SimpleUploadedFile("照片.jpg", b"this is not a picture", content_type="image/jpeg")
    response = client.post(f"/hblg/mailbox/{box.pk}/write/", {**form_data(box), "attachments": [fake]})
    assert response.status_code == 400 and "照片.jpg" in response.content.decode()
    good = SimpleUploadedFile("说明.txt", "热水问题说明".encode(), content_type="text/plain")
    assert client.post(f"/hblg/mailbox/{box.pk}/write/", {**form_data(box), "attachments": [good]}).status_code == 302
    assert Letter.objects.get().attachments.get().name == "说明.txt"


def test_box_of_another_institution_is_not_found(world, client):
    box = world.president_box
    assert client.get(f"/scsf/mailbox/{box.pk}/write/").status_code == 404
