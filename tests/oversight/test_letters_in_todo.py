"""我的待办 holds letters at each step for whoever takes it, and the office's open cases."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from tests.oversight.conftest import write
from xxgk.oversight import services
from xxgk.oversight.models import Case, CaseKind


def _rows(client, person, key="tasks"):
    client.force_login(person)
    response = client.get(reverse("workbench:todo"))
    assert response.status_code == 200
    return {t.title: (t.next_action, t.due_on) for t in response.context[key]}


def test_letter_moves_from_desk_to_desk(client, world):
    letter = write(world.president_box)[0]
    title = f"{letter.query_code} {letter.subject}"
    assert _rows(client, world.office)[title] == ("分办：转交部门、直接答复或呈报领导", letter.due_on)
    assert title not in _rows(client, world.hq_drafter)

    letter = services.route(world.office, letter, world.hq)
    assert _rows(client, world.hq_drafter)[title] == ("拟写答复", letter.due_on)
    assert title not in _rows(client, world.office)

    letter = services.draft_reply(world.hq_drafter, letter, text="已协调延长热水供应至23:30。")
    assert _rows(client, world.hq_head)[title][0] == "部门负责人审核答复：通过或退回"
    assert title not in _rows(client, world.hq_drafter)

    letter = services.approve_draft(world.hq_head, letter)
    assert _rows(client, world.office)[title][0] == "办公室审核答复：通过或退回"
    letter = services.check_wording(world.office, letter)
    assert _rows(client, world.office)[title][0] == "发送答复"
    for nobody in ("drafter_a", "other_office", "supervisor"):
        assert title not in _rows(client, world.people[nobody])


def test_letter_to_a_departments_box_waits_for_its_drafter(client, world):
    letter = write(world.dept_box)[0]
    title = f"{letter.query_code} {letter.subject}"
    assert title in _rows(client, world.office)  # the office sorts it first
    assert title not in _rows(client, world.drafter_b)
    letter = services.reply_directly(world.office, letter)
    assert _rows(client, world.drafter_b)[title] == ("拟写答复", letter.due_on)
    assert title not in _rows(client, world.drafter_a)


def test_open_case_waits_for_the_office(client, world):
    Case.objects.create(
        institution=world.institution, kind=CaseKind.REVIEW, filed_on=date(2024, 5, 6), matter="不服答复申请复议"
    )
    rows = _rows(client, world.office)
    assert rows["行政复议：不服答复申请复议"] == (
        "向复议机关提交书面答复和作出行为的证据、依据，然后登记答复",
        date(2024, 5, 17),  # ten working days after the day it was filed (5-11, a Saturday, was a workday)
    )
    assert "行政复议：不服答复申请复议" not in _rows(client, world.other_office)
