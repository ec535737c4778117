"""我的待办 holds applications: the office's, then the department's once routed, by answer deadline;
a department head sees the department's overdue ones; the menu counts what waits."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from xxgk.foi import services
from xxgk.foi.models import ReplyType
from xxgk.org.models import Role


def _tasks(client, person):
    client.force_login(person)
    response = client.get(reverse("workbench:todo"))
    assert response.status_code == 200
    return response


def _rows(response, key="tasks"):
    return {
        t.title.split(" ", 1)[1]: (t.next_action, t.due_on) for t in response.context[key] if t.kind == "依申请公开"
    }


def test_received_application_waits_for_the_office(client, world, received):
    late = received(on=date(2024, 3, 1), title="2023年本科招生各省录取分数统计表")
    later = received(on=date(2024, 4, 1), title="学生宿舍收费标准")
    response = _tasks(client, world.office)
    rows = _rows(response)
    assert rows["2023年本科招生各省录取分数统计表"] == ("审查申请：转交部门、告知补正或直接拟写答复", late.due_on)
    assert rows["学生宿舍收费标准"][1] == later.due_on
    titles = [t.title for t in response.context["tasks"]]
    assert titles.index(f"{late.code} {late.title}") < titles.index(f"{later.code} {later.title}")  # earliest first
    page = response.content.decode()
    assert "已逾期" in page and late.due_on.strftime("%Y-%m-%d") in page
    assert f'<span class="count">{len(response.context["tasks"])}</span>' in page
    for nobody in ("drafter_a", "checker_a", "other_office", "supervisor"):
        assert _rows(_tasks(client, world.people[nobody])) == {}


def test_routed_application_waits_for_the_departments_drafter(client, world, received):
    app = received(on=date(2024, 3, 1))
    services.route(world.office, app, world.dept_a)
    assert _rows(_tasks(client, world.drafter_a))[app.title] == ("拟写答复", app.due_on)
    assert app.title not in _rows(_tasks(client, world.drafter_b))


def test_awaiting_correction_shows_the_correction_deadline(client, world, received):
    app = received(on=date(2024, 3, 1))
    app = services.request_correction(world.office, app, items="请写明所需信息的年份。", on=date(2024, 3, 4))
    action, due = _rows(_tasks(client, world.office))[app.title]
    assert action.startswith("等待申请人补正") and due == app.correction_due_on


def test_department_head_sees_the_departments_overdue_application(client, world, received):
    head = world.person("head_a", Role.SIGNER, department=world.dept_a)
    app = received(on=date(2024, 3, 1))
    app = services.route(world.office, app, world.dept_a)
    public = ReplyType.objects.get(code="public")
    services.draft_reply(world.drafter_a, app, reply_type=public, reason=None, text="现提供所申请的信息。")
    response = _tasks(client, head)
    assert app.title not in _rows(response)  # the office approves it, not the head
    assert _rows(response, "overseen")[app.title] == ("答复待审批", app.due_on)
    assert "本部门、本单位的逾期事项" in response.content.decode()
    assert _rows(_tasks(client, world.drafter_b), "overseen") == {}
