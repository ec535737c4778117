"""The application page offers only the actions that make sense now for this person: the usual ones first
(the main one first), the less common under 其他操作; nothing a service would refuse in this state."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from xxgk.foi import services
from xxgk.foi.models import ReplyType

from .conftest import second_office


def _guide(client, person, app):
    client.force_login(person)
    response = client.get(reverse("foi_staff:detail", args=[app.pk]))
    assert response.status_code == 200
    guide = response.context["guide"]
    page = response.content.decode()
    for name in ("draft", "route", "correction", "supplement", "approve", "return", "send", "extend"):
        assert (f'id="form-{name}"' in page) == (name in guide.primary or name in guide.other), name
    return guide.primary, guide.other, page


def _public():
    return ReplyType.objects.get(code="public")


def test_received_the_office_drafts_routes_or_asks_for_a_correction(client, world, received):
    app = received(on=timezone.localdate())
    primary, other, page = _guide(client, world.office, app)
    assert primary == ["draft", "route", "correction"]
    assert other == ["consult_start", "extend"]
    assert 'id="other-actions"' in page and "其他操作" in page
    primary, other, _page = _guide(client, world.supervisor, app)  # reads, acts on nothing
    assert (primary, other) == ([], [])


def test_awaiting_correction_only_the_supplement_no_reply(client, world, received):
    app = received(on=timezone.localdate())
    app = services.request_correction(world.office, app, items="请写明所需信息的年份。")
    assert _guide(client, world.office, app)[:2] == (["supplement"], [])


def test_routed_the_department_drafts_and_the_office_waits(client, world, received):
    app = services.route(world.office, received(on=timezone.localdate()), world.dept_a)
    assert _guide(client, world.drafter_a, app)[:2] == (["draft"], [])
    primary, other, _page = _guide(client, world.office, app)
    assert primary == [] and other == ["draft", "route", "correction", "consult_start", "extend"]


def test_drafted_approve_or_return_only_for_someone_other_than_the_drafter(client, world, received):
    app = received(on=timezone.localdate())
    services.draft_reply(world.office, app, reply_type=_public(), reason=None, text="现提供所申请的信息。")
    primary, other, _page = _guide(client, world.office, app)
    assert "approve" not in primary + other and "return" not in primary + other
    assert other == ["draft", "consult_start", "extend"]  # may still revise the draft
    primary, _other, _page = _guide(client, second_office(world), app)
    assert primary == ["approve", "return"]


def test_drafted_by_the_department_the_drafter_may_revise_but_not_approve(client, world, received):
    app = services.route(world.office, received(on=timezone.localdate()), world.dept_a)
    services.draft_reply(world.drafter_a, app, reply_type=_public(), reason=None, text="现提供所申请的信息。")
    assert _guide(client, world.drafter_a, app)[:2] == ([], ["draft"])
    assert _guide(client, world.office, app)[0] == ["approve", "return"]


def test_approved_send(client, world, received):
    app = received(on=timezone.localdate())
    services.draft_reply(world.office, app, reply_type=_public(), reason=None, text="现提供所申请的信息。")
    services.approve_reply(second_office(world), app)
    assert _guide(client, world.office, app)[:2] == (["send"], ["return"])


def test_paused_consultation_record_the_answer_first(client, world, received):
    app = received(on=timezone.localdate())
    services.start_consultation(world.office, app, third_party="某科技有限公司", address="海口市某路1号")
    primary, other, _page = _guide(client, world.office, app)
    assert primary[0] == "consult_end"
    assert "consult_start" not in other


def test_no_extension_after_the_due_date_or_a_second_time(client, world, received):
    old = received(on=date(2024, 3, 1))
    assert old.due_on < timezone.localdate()
    assert "extend" not in _guide(client, world.office, old)[1]
    app = received(on=timezone.localdate() - timedelta(days=1), title="学生宿舍收费标准")
    app = services.extend(world.office, app, reason="需要调取档案", approver="办公室主任 李四")
    assert "extend" not in _guide(client, world.office, app)[1]


def test_a_refused_action_still_says_why(client, world, received):
    app = received(on=timezone.localdate())
    services.draft_reply(world.office, app, reply_type=_public(), reason=None, text="现提供所申请的信息。")
    client.force_login(world.office)
    response = client.post(reverse("foi_staff:act", args=[app.pk, "approve"]), {})
    assert response.status_code == 400
    assert 'id="refused"' in response.content.decode()
    assert "拟写答复的人不能审批同一份答复" in response.content.decode()
