"""The mailbox page's heading and the home page's link name the kinds of box the institution has, and no
other: a school with only 校长信箱 and 书记信箱 is never said to have a 意见箱."""

from __future__ import annotations

import re

from django.urls import reverse

from xxgk.oversight import services as oversight_services
from xxgk.oversight.models import MailboxKind


def _h1(html: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)


def test_heading_names_only_the_boxes_that_exist(client, world):
    slug = world.institution.slug
    assert _h1(client.get(reverse("oversight:index", args=[slug])).content.decode()).endswith("· 信箱")
    for name, kind in (("书记信箱", MailboxKind.SECRETARY), ("校长信箱", MailboxKind.PRESIDENT)):
        oversight_services.create_mailbox(world.office, world.institution, name=name, kind=kind)
    heading = _h1(client.get(reverse("oversight:index", args=[slug])).content.decode())
    assert heading == f"{world.institution.name} · 校长信箱、书记信箱"
    home = client.get(reverse("portal:home", args=[slug])).content.decode()
    assert f'<a href="{reverse("oversight:index", args=[slug])}">校长信箱 · 书记信箱</a>' in home
    assert "意见箱" not in home

    oversight_services.create_mailbox(world.office, world.institution, name="后勤意见箱", kind=MailboxKind.SUGGESTION)
    heading = _h1(client.get(reverse("oversight:index", args=[slug])).content.decode())
    assert heading == f"{world.institution.name} · 校长信箱、书记信箱、意见箱"
