"""The letter page shows the state, the answer deadline with its status, and the next step for this person
in the same words as 我的待办; 呈报、无效件和延期 sit under 其他操作."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.oversight.conftest import walk_to_ready, write
from xxgk.oversight import services


def _page(client, person, letter):
    client.force_login(person)
    response = client.get(reverse("oversight_staff:letter", args=[letter.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    step = re.search(r'id="next-step"><strong>下一步：</strong>([^<]*)</p>', page).group(1)
    return step, page


def _todo(client, person, letter):
    client.force_login(person)
    tasks = client.get(reverse("workbench:todo")).context["tasks"]
    return next((t.next_action for t in tasks if t.title.startswith(letter.query_code)), None)


def test_each_desk_reads_its_next_step(client, world):
    letter = write(world.president_box)[0]
    step, page = _page(client, world.office, letter)
    assert step == "分办：转交部门、直接答复或呈报领导" == _todo(client, world.office, letter)
    assert f'id="letter-due">答复期限：<strong>{letter.due_on:%Y-%m-%d}</strong>' in page
    assert 'id="letter-state">待分办<' in page
    others = page.split('id="other-actions"', 1)[1]
    assert 'id="primary-actions"' in page
    assert "呈报领导" in others and "作为无效件关闭" in others
    assert "转交部门办理" not in others

    letter = services.route(world.office, letter, world.hq)
    assert _page(client, world.hq_drafter, letter)[0] == "拟写答复" == _todo(client, world.hq_drafter, letter)
    assert _page(client, world.office, letter)[0] == "等待承办部门拟写答复"

    letter = services.draft_reply(world.hq_drafter, letter, text="已协调延长热水供应至23:30。")
    assert _page(client, world.hq_drafter, letter)[0] == "等待部门负责人审核答复"
    assert _page(client, world.hq_head, letter)[0] == "部门负责人审核答复：通过或退回"


def test_replied_then_archived(client, world):
    letter = walk_to_ready(world, write(world.president_box)[0])
    assert _page(client, world.office, letter)[0] == "发送答复"
    letter = services.send_reply(world.office, letter, public=False)
    assert _page(client, world.office, letter)[0] == "已答复；可以归档"
    assert _page(client, world.hq_drafter, letter)[0] == "已答复来信人"
    letter = services.archive(world.office, letter)
    step, page = _page(client, world.office, letter)
    assert step == "已办结，无需办理" and 'id="primary-actions"' not in page
