"""A message that could not be sent after its last attempt reaches the office: one e-mail a day at most
(never about itself), and a line on its 待办 linking to 已发通知's 发送失败, where 全部重新发送 queues each
failed message once however often it is submitted; sent again, the line leaves the 待办. Another
institution's office sees none of it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from xxgk.notify import services
from xxgk.notify.models import Message, State
from xxgk.workbench.todo import tasks_for

BROKEN = "tests.notify.broken_backend.RefusingBackend"


def _message(world, to="writer@example.org"):
    return services.queue(
        "oversight.replied",
        institution=world.institution,
        to=to,
        about=world.institution,
        context={"letter": {"code": "XJ-2", "subject": "宿舍"}},
    )


def _undelivered_tasks(user):
    return [t for t in tasks_for(user, date.today()) if t.key.startswith("notify.undelivered:")]


@pytest.fixture
def failed_twice(world, settings):
    settings.XXGK_MESSAGES_SEND_AFTER_COMMIT = False
    settings.XXGK_MESSAGE_ATTEMPTS = 1
    settings.XXGK_SITE_URL = "https://xxgk.hblg.edu.cn"
    settings.EMAIL_BACKEND = BROKEN
    world.office.email = "office@hblg.edu.cn"
    world.office.save()
    first, second = _message(world), _message(world, "other@example.org")
    for message in (first, second):
        assert services.deliver(message.pk).state == State.FAILED
    return first, second


def test_the_office_is_told_once_a_day_and_never_about_the_telling(world, failed_twice):
    (told,) = Message.objects.filter(kind=services.UNDELIVERED)
    assert told.recipient == "office@hblg.edu.cn"
    assert "未能发出" in told.subject and "state=failed" in told.body and "hblg" in told.body
    assert services.deliver(told.pk).state == State.FAILED  # the mail server is still down
    assert Message.objects.filter(kind=services.UNDELIVERED).count() == 1
    Message.objects.filter(pk=told.pk).update(created_at=timezone.now() - timedelta(days=1))
    third = _message(world)
    services.deliver(third.pk)
    assert Message.objects.filter(kind=services.UNDELIVERED).count() == 2  # the next day: told again


def test_the_undelivered_are_on_the_offices_todo_until_sent_again(client, world, failed_twice, settings):
    (task,) = _undelivered_tasks(world.office)
    url = f"{reverse('notify_staff:messages')}?i={world.institution.slug}&state=failed"
    assert task.url == url and "2 条通知" in task.title
    assert _undelivered_tasks(world.other_office) == [] and _undelivered_tasks(world.drafter_a) == []

    client.force_login(world.office)
    page = client.get(url).content.decode()
    assert 'id="undelivered"' in page and "全部重新发送" in page
    retry = reverse("notify_staff:retry_failed") + f"?i={world.institution.slug}"
    client.force_login(world.other_office)
    assert client.post(retry).status_code == 403
    assert Message.objects.filter(state=State.FAILED).count() == 2

    client.force_login(world.office)
    assert client.post(retry).status_code == 302
    assert client.post(retry).status_code == 302  # a second submit: nothing more
    queued = Message.objects.filter(state=State.QUEUED)  # the two, and the office's e-mail about them
    assert queued.count() == 3 and set(queued.values_list("attempts", flat=True)) == {0}
    assert _undelivered_tasks(world.office) == []
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.deliver_due()["sent"] == 3
    assert client.post(retry).status_code == 302 and not Message.objects.exclude(state=State.SENT).exists()


def test_sending_one_again_twice_is_harmless(client, world, failed_twice):
    first, _second = failed_twice
    url = reverse("notify_staff:retry", args=[first.pk]) + f"?i={world.institution.slug}&state=failed"
    client.force_login(world.office)
    assert client.post(url).status_code == 302
    response = client.post(url, follow=True)
    assert "已经重新发送过" in response.content.decode()
    assert Message.objects.get(pk=first.pk).state == State.QUEUED
