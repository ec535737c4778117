"""A department's group robot gets the staff alert when work arrives for that department; the office sets it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from xxgk.notify import services
from xxgk.notify.models import Channel, Message
from xxgk.publishing import services as publishing

HOOK = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=test"


def test_work_for_the_department_reaches_its_robot(world):
    world.checker_a.email = "checker_a@example.edu.cn"
    world.checker_a.save()
    services.set_robot(world.office, world.dept_a, url=HOOK)
    record = world.draft()
    publishing.submit(world.drafter_a, record)
    robot = Message.objects.get(channel=Channel.WEBHOOK)
    assert robot.recipient == HOOK and record.title in robot.subject
    assert Message.objects.filter(channel=Channel.EMAIL, recipient="checker_a@example.edu.cn").count() == 1


def test_other_departments_and_switched_off_robots_get_nothing(world):
    world.checker_a.email = "checker_a@example.edu.cn"
    world.checker_a.save()
    services.set_robot(world.office, world.dept_b, url=HOOK)
    publishing.submit(world.drafter_a, world.draft())
    assert not Message.objects.filter(channel=Channel.WEBHOOK).exists()
    services.set_robot(world.office, world.dept_a, url=HOOK, enabled=False)
    publishing.submit(world.drafter_a, world.draft(title="另一条通知"))
    assert not Message.objects.filter(channel=Channel.WEBHOOK).exists()


def test_only_the_office_sets_it_and_only_https(world, client):
    with pytest.raises(PermissionDenied):
        services.set_robot(world.drafter_a, world.dept_a, url=HOOK)
    with pytest.raises(PermissionDenied):
        services.set_robot(world.other_office, world.dept_a, url=HOOK)
    with pytest.raises(ValidationError):
        services.set_robot(world.office, world.dept_a, url="ftp://example.org/hook")
    client.force_login(world.office)
    page = client.post(
        reverse("notify_staff:robot", args=[world.dept_a.pk]), {"url": HOOK, "enabled": "1"}, follow=True
    )
    assert HOOK in page.content.decode()
    client.post(reverse("notify_staff:robot", args=[world.dept_a.pk]), {"url": ""})
    assert services.robot_for(world.dept_a) == ""
    client.force_login(world.other_office)
    assert client.post(reverse("notify_staff:robot", args=[world.dept_a.pk]), {"url": HOOK}).status_code == 404
