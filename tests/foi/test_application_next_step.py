"""The application page says the next step in one line, in the same words as 我的待办, for each person:
the office, the department's drafter, whoever drafted the reply, and someone who only reads; with the
deadline that counts (the 补正 deadline while waiting for the applicant)."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone

from xxgk.foi import services
from xxgk.foi.models import ReplyType

from .conftest import second_office


def _next_step(client, person, app) -> str:
    client.force_login(person)
    page = client.get(reverse("foi_staff:detail", args=[app.pk])).content.decode()
    return re.search(r'id="next-step"><strong>下一步：</strong>([^<]*)</p>', page).group(1)


def _deadline(client, person, app) -> str:
    client.force_login(person)
    page = client.get(reverse("foi_staff:detail", args=[app.pk])).content.decode()
    return re.search(r'id="guide-deadline">([^<]*)<strong>([^<]*)</strong>', page).groups()


def _todo(client, person, app) -> str | None:
    client.force_login(person)
    tasks = client.get(reverse("workbench:todo")).context["tasks"]
    return next((t.next_action for t in tasks if t.title.startswith(app.code)), None)


def test_received_and_awaiting_correction(client, world, received):
    app = received(on=timezone.localdate())
    step = _next_step(client, world.office, app)
    assert step == "审查申请：转交部门、告知补正或直接拟写答复" == _todo(client, world.office, app)
    assert _deadline(client, world.office, app) == ("答复期限：", app.due_on.isoformat())
    assert _next_step(client, world.supervisor, app) == "等待信息公开办公室审查申请"
    app = services.request_correction(world.office, app, items="请写明所需信息的年份。")
    assert _next_step(client, world.office, app).startswith("等待申请人补正")
    assert _deadline(client, world.office, app) == ("补正期限：", app.correction_due_on.isoformat())


def test_routed_the_department_drafts_the_office_waits(client, world, received):
    app = services.route(world.office, received(on=timezone.localdate()), world.dept_a)
    assert _next_step(client, world.drafter_a, app) == "拟写答复" == _todo(client, world.drafter_a, app)
    office_step = _next_step(client, world.office, app)
    assert office_step == "等待承办部门拟写答复；办公室也可以直接拟写" == _todo(client, world.office, app)


def test_drafted_the_drafter_waits_for_someone_else(client, world, received):
    app = received(on=timezone.localdate())
    public = ReplyType.objects.get(code="public")
    services.draft_reply(world.office, app, reply_type=public, reason=None, text="现提供所申请的信息。")
    own = _next_step(client, world.office, app)
    assert own == "等待拟稿人以外有审批权限的人员审批答复" == _todo(client, world.office, app)
    other = second_office(world)
    assert _next_step(client, other, app) == "审批答复：通过或退回" == _todo(client, other, app)
    services.approve_reply(other, app)
    assert _next_step(client, world.office, app) == "发送答复并办结"


def test_paused_and_closed(client, world, received):
    app = received(on=timezone.localdate())
    services.start_consultation(world.office, app, third_party="某科技有限公司", address="海口市某路1号")
    assert _next_step(client, world.office, app) == "征求第三方意见中（计时暂停）；收到意见后继续办理"
    assert _todo(client, world.office, app) == "征求第三方意见中（计时暂停）；收到意见后继续办理"
    services.end_consultation(world.office, app)
    app.refresh_from_db()
    public = ReplyType.objects.get(code="public")
    services.draft_reply(world.office, app, reply_type=public, reason=None, text="现提供所申请的信息。")
    services.approve_reply(second_office(world), app)
    services.send_reply(world.office, app)
    assert _next_step(client, world.office, app) == "已办结，无需办理"
