"""The applicant is e-mailed at receipt, when a third party is consulted and when the reply is sent (the
reply letter attached); each message carries a link that opens the application without code and password."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core import mail

from tests.foi.conftest import applicant, second_office
from xxgk.foi import services
from xxgk.foi.models import ReplyType
from xxgk.notify.models import Message

SITE = "https://xxgk.example.edu.cn"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.XXGK_SITE_URL = SITE


def _kinds(app):
    return [m.kind for m in Message.objects.about(app).order_by("id")]


@pytest.mark.django_db(transaction=True)
def test_receipt_mail_opens_the_application(client, world):
    app = services.submit_online(world.institution, applicant(), today=date(2026, 12, 1)).application
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["wxm@example.com"]
    body = mail.outbox[0].body
    assert app.code in mail.outbox[0].subject and "2026年12月22日" in body
    link = re.search(re.escape(SITE) + r"(/\S+)", body).group(1)
    page = client.get(link, follow=True).content.decode()
    assert app.title in page and app.code in page


def test_consultation_and_reply_are_told_with_the_letter_attached(world):
    app = services.submit_online(world.institution, applicant(), today=date(2024, 3, 1)).application
    services.start_consultation(world.office, app, third_party="某公司", address="海口市某路1号", on=date(2024, 3, 4))
    services.end_consultation(world.office, app, on=date(2024, 3, 8))
    public = ReplyType.objects.get(code="public")
    services.draft_reply(world.office, app, reply_type=public, reason=None, text="现提供所申请的信息。")
    services.approve_reply(second_office(world), app)
    services.send_reply(world.office, app, on=date(2024, 3, 15))
    assert _kinds(app) == ["foi.received", "foi.consultation", "foi.replied"]
    replied = Message.objects.about(app).get(kind="foi.replied")
    assert [a["name"] for a in replied.attachments] == [f"{app.code}-答复书.pdf", f"{app.code}-答复书.docx"]
    assert f"{SITE}/{world.institution.slug}/apply/link/" in replied.body


def test_no_address_no_mail(world):
    app = services.submit_online(
        world.institution, applicant(email="", delivery="post"), today=date(2024, 3, 1)
    ).application
    assert _kinds(app) == []


def test_a_forged_link_opens_nothing(client, world):
    app = services.submit_online(world.institution, applicant(), today=date(2024, 3, 1)).application
    page = client.get(f"/{world.institution.slug}/apply/link/{app.pk}/", follow=True).content.decode()
    assert "链接无效或已过期" in page and app.title not in page
