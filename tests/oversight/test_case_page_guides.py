"""The case page (举报、行政复议、行政诉讼) guides like the application and letter pages: the stage, the answer
deadline with its status and 暂定 badge, one 下一步 line in the same words as 我的待办, a warning that looks
like a warning when the deadline has passed, and only the actions this stage allows this person, the rest
under 其他操作. The supervisor reads the page and is offered nothing."""

from __future__ import annotations

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from xxgk.oversight import services
from xxgk.oversight.case_deadlines import answer_due
from xxgk.workcalendar.calendar import calendar_for


def _case(world, kind="review", days_ago=3, **extra):
    today = timezone.localdate()
    data = {"kind": kind, "filed_on": today - timedelta(days=days_ago), "matter": "不服不予公开招生录取名单的答复"}
    if kind == "litigation":
        data["route"] = "direct"
    return services.record_case(world.office, world.institution, {**data, **extra})


def _page(client, person, case):
    client.force_login(person)
    response = client.get(reverse("oversight_staff:case", args=[case.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    step = re.search(r'id="next-step"><strong>下一步：</strong>([^<]*)</p>', page).group(1)
    return step, page


def _todo(client, person, case):
    client.force_login(person)
    tasks = client.get(reverse("workbench:todo")).context["tasks"]
    return next((t for t in tasks if t.url == reverse("oversight_staff:case", args=[case.pk])), None)


def test_a_review_waiting_for_the_answer(client, world):
    case = _case(world, served_on=timezone.localdate() - timedelta(days=1))
    due = answer_due(case, calendar_for(world.institution))
    step, page = _page(client, world.office, case)
    assert step == "向复议机关提交书面答复和作出行为的证据、依据，然后登记答复"
    assert 'id="case-state">待答复<' in page
    assert f"答复期限：<strong>{due.date:%Y-%m-%d}</strong>" in page and "行政复议法" in page
    primary = page.split('id="primary-actions"', 1)[1].split('id="other-actions"', 1)[0]
    others = page.split('id="other-actions"', 1)[1]
    assert "登记已提交书面答复" in primary and "登记审结结果" not in primary
    assert "登记审结结果" in others and "修改登记信息" in others
    task = _todo(client, world.office, case)
    assert task.next_action == step and task.due_on == due.date and task.kind == "举报、复议、诉讼"


def test_an_overdue_answer_is_a_warning(client, world):
    case = _case(world, kind="litigation", days_ago=60)
    _step, page = _page(client, world.office, case)
    assert 'id="case-status">已逾期<' in page
    notes = re.search(r'<ul class="messages" id="case-notes">(.*?)</ul>', page, re.S).group(1)
    assert re.search(r'<li class="warning" role="alert">答辩期限（[\d-]+）已过 \d+ 个工作日', notes)
    assert 'class="success"' not in notes
    assert _todo(client, world.office, case).overdue(timezone.localdate())
    _step, page = _page(client, world.supervisor, case)  # the supervisor is warned too, but told nothing to do
    assert '<li class="warning" role="alert">答辩期限（' in page and "请登记提交日期" not in page


def test_without_the_copy_date_the_page_says_how_it_counts(client, world):
    _step, page = _page(client, world.office, _case(world))
    assert '<li class="info">尚未登记收到副本日期' in page


def test_answered_then_decided(client, world):
    case = _case(world, kind="litigation")
    case = services.answer_case(world.office, case, answered_on=timezone.localdate())
    step, page = _page(client, world.office, case)
    assert step == "等待人民法院审理；收到判决书或裁定书后登记结果" == _todo(client, world.office, case).next_action
    assert 'id="case-state">待审结<' in page and 'id="case-due"' not in page
    assert "登记审结结果" in page.split('id="primary-actions"', 1)[1].split('id="other-actions"', 1)[0]
    assert _todo(client, world.office, case).due_on is None

    case = services.decide_case(world.office, case, outcome="corrected", decided_on=timezone.localdate())
    step, page = _page(client, world.office, case)
    assert step == "已审结（纠正），无需办理"
    assert 'id="case-state">纠正<' in page and 'id="primary-actions"' not in page
    assert re.search(r'id="other-actions" open>', page) and "修改登记信息" in page
    assert _todo(client, world.office, case) is None


def test_a_complaint_has_no_deadline_until_one_is_set(client, world):
    case = _case(world, kind="complaint")
    step, page = _page(client, world.office, case)
    assert step == "调查核实举报事项，答复举报人或向转办单位报告处理结果"
    assert 'id="case-due"' not in page and "举报没有法定答复期限" in page
    assert "登记已答复举报人" in page
    case = services.update_case(world.office, case, {"due_by": timezone.localdate() + timedelta(days=7)})
    _step, page = _page(client, world.office, case)
    assert f"答复期限：<strong>{timezone.localdate() + timedelta(days=7):%Y-%m-%d}</strong>" in page


def test_the_supervisor_reads_and_is_offered_nothing(client, world):
    case = _case(world)
    step, page = _page(client, world.supervisor, case)
    assert step == "等待学校答复（答辩）"
    assert 'id="primary-actions"' not in page and 'id="other-actions"' not in page
    assert _todo(client, world.supervisor, case) is None
