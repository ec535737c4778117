"""The message settings and the list of sent messages are the office's pages, for its own institution."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.workbench.test_authorization_matrix import PEOPLE
from xxgk.notify import services
from xxgk.notify.models import Message, State

URLS = [("notify_staff:settings", []), ("notify_staff:messages", []), ("notify_staff:edit", ["foi.received"])]


@pytest.mark.parametrize(("url", "args"), URLS)
@pytest.mark.parametrize("person", PEOPLE)
def test_only_office_administrators_open_message_pages(client, world, person, url, args):
    client.force_login(world.people[person])
    response = client.get(reverse(url, args=args))
    assert response.status_code == (200 if person in {"office", "other_office"} else 403)


def test_unknown_kind_is_not_found(client, world):
    client.force_login(world.office)
    assert client.get(reverse("notify_staff:edit", args=["nope"])).status_code == 404


def test_office_turns_a_kind_off_from_the_page(client, world):
    client.force_login(world.office)
    url = reverse("notify_staff:edit", args=["foi.received"])
    response = client.post(url, {"subject": "已受理 {{ application.code }}", "body": "正文"})
    assert response.status_code == 302
    page = client.get(reverse("notify_staff:settings")).content.decode()
    assert "已受理 {{ application.code }}" in page and "不发送" in page
    bad = client.post(url, {"enabled": "on", "subject": "x", "body": "{% endif %}"})
    assert bad.status_code == 200 and "模板有误" in bad.content.decode()


def test_failed_message_is_listed_and_sent_again(client, world, settings):
    settings.XXGK_MESSAGES_SEND_AFTER_COMMIT = False
    message = services.queue(
        "oversight.received",
        institution=world.institution,
        to="a@example.org",
        about=world.institution,
        context={"letter": {"code": "XJ-9", "subject": "x"}},
    )
    Message.objects.filter(pk=message.pk).update(state=State.FAILED, last_error="Connection refused")
    client.force_login(world.office)
    page = client.get(reverse("notify_staff:messages") + "?state=failed").content.decode()
    assert "Connection refused" in page and "重新发送" in page
    assert client.get(reverse("notify_staff:messages") + "?state=bogus&page=x").status_code == 200
    client.force_login(world.other_office)
    assert client.post(reverse("notify_staff:retry", args=[message.pk])).status_code == 404
    client.force_login(world.office)
    assert client.post(reverse("notify_staff:retry", args=[message.pk])).status_code == 302
    assert Message.objects.get(pk=message.pk).state == State.QUEUED


@pytest.mark.parametrize("person", PEOPLE)
def test_only_an_office_sends_its_own_failed_messages_again(client, world, person):
    client.force_login(world.people[person])
    own = client.post(reverse("notify_staff:retry_failed"))
    assert own.status_code == (302 if person in {"office", "other_office"} else 403)
    other = client.post(reverse("notify_staff:retry_failed") + f"?i={world.institution.slug}")
    assert other.status_code == (302 if person == "office" else 403)
    assert client.get(reverse("notify_staff:retry_failed")).status_code in (403, 405)
