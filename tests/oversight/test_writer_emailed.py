"""The writer is e-mailed when the letter is received and when it is answered, with a link that opens it."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.oversight.conftest import walk_to_ready, write
from xxgk.notify.models import Message
from xxgk.oversight import services


@pytest.fixture(autouse=True)
def _site(settings):
    settings.XXGK_SITE_URL = "https://xxgk.example.edu.cn"


@pytest.mark.django_db(transaction=True)
def test_writer_with_an_address_is_told_at_receipt_and_reply(client, world):
    letter, _password = write(world.president_box, writer_contact="lin@example.org")
    assert [m.to for m in mail.outbox] == [["lin@example.org"]]
    receipt = mail.outbox[0]
    assert letter.query_code in receipt.subject and "宿舍热水供应时间太短" in receipt.body
    link = re.search(r"https://xxgk\.example\.edu\.cn(/\S+)", receipt.body).group(1)

    page = client.get(link, follow=True)
    assert page.status_code == 200
    assert "宿舍热水供应时间太短" in page.content.decode()  # the letter opened without code and password

    letter = walk_to_ready(world, letter)
    services.send_reply(world.office, letter)
    assert len(mail.outbox) == 2
    assert "已有答复" in mail.outbox[1].body
    assert Message.objects.about(letter).count() == 2
    client.force_login(world.office)
    staff_page = client.get(reverse("oversight_staff:letter", args=[letter.pk])).content.decode()
    assert "已发通知" in staff_page and "lin@example.org" in staff_page


def test_writer_who_gave_a_phone_number_gets_no_mail(world):
    write(world.president_box, writer_contact="13912345678")
    assert Message.objects.count() == 0


def test_a_changed_or_foreign_link_opens_nothing(client, world):
    letter, _password = write(world.president_box, writer_contact="lin@example.org")
    link = Message.objects.about(letter).get().body.split("https://xxgk.example.edu.cn", 1)[1].split()[0]
    tampered = link[:-3] + ("AAA" if not link.endswith("AAA/") else "BBB") + "/"
    page = client.get(tampered, follow=True).content.decode()
    assert "链接无效或已过期" in page and "宿舍热水供应时间太短" not in page
    other_slug = world.other_institution.slug
    foreign = link.replace(f"/{world.institution.slug}/", f"/{other_slug}/", 1)
    assert "宿舍热水供应时间太短" not in client.get(foreign, follow=True).content.decode()
