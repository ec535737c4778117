"""Recording a case's answer and its outcome from the case page: only the office of the case's institution,
only in the stage that allows it, with dates that make sense and the revision the person saw; each step is
written to the case's history. Everyone else is refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from xxgk.oversight import services
from xxgk.oversight.models import Case, CaseStage


@pytest.fixture
def case(world):
    return services.record_case(
        world.office,
        world.institution,
        {"kind": "review", "filed_on": date(2024, 9, 20), "matter": "不服不予公开答复", "party": "张某"},
    )


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _act(user, case, action, data):
    url = reverse("oversight_staff:case_act", args=[case.pk, action])
    return _client(user).post(url, {"revision": Case.objects.get(pk=case.pk).revision, **data})


def test_office_answers_then_records_the_outcome(world, case):
    response = _act(world.office, case, "answer", {"answered_on": "2024-10-08", "answer_note": "书面答复和证据12份"})
    assert response.status_code == 302 and response.url == reverse("oversight_staff:case", args=[case.pk])
    case.refresh_from_db()
    assert case.answered_on == date(2024, 10, 8) and case.stage == CaseStage.WAITING

    response = _act(world.office, case, "decide", {"outcome": "upheld", "decided_on": "2024-11-20"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.outcome, case.decided_on, case.stage) == ("upheld", date(2024, 11, 20), CaseStage.DECIDED)
    history = _client(world.office).get(reverse("oversight_staff:case", args=[case.pk])).content.decode()
    history = history.split('id="history"', 1)[1]
    assert "登记行政复议" in history and "书面答复和证据12份" in history and "审结：维持（2024-11-20）" in history


def test_steps_out_of_order_or_with_bad_dates_are_refused_with_the_reason(world, case):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    page = _act(world.office, case, "answer", {"answered_on": tomorrow})
    assert page.status_code == 400 and "不能晚于今天" in page.content.decode()
    page = _act(world.office, case, "answer", {"answered_on": "2024-09-01"})
    assert page.status_code == 400 and "不能早于收到（立案）日期" in page.content.decode()
    page = _act(world.office, case, "decide", {"outcome": "", "decided_on": "2024-11-20"})
    assert page.status_code == 400 and '<li class="error">请选择结果并填写审结日期。</li>' in page.content.decode()

    services.decide_case(world.office, case, outcome="other", decided_on=date(2024, 10, 1))
    page = _act(world.office, case, "answer", {"answered_on": "2024-10-08"})
    assert page.status_code == 400 and "该案件已登记答复或已审结" in page.content.decode()
    with pytest.raises(ValidationError):
        services.decide_case(world.office, Case.objects.get(pk=case.pk), outcome="upheld", decided_on=date(2024, 10, 2))


def test_a_stale_page_is_refused(world, case):
    url = reverse("oversight_staff:case_act", args=[case.pk, "answer"])
    seen = case.revision
    services.update_case(world.office, case, {"served_on": date(2024, 9, 23)})
    page = _client(world.office).post(url, {"revision": seen, "answered_on": "2024-10-08"})
    assert page.status_code == 400 and "已被他人修改" in page.content.decode()
    assert Case.objects.get(pk=case.pk).answered_on is None


def test_only_the_office_of_the_case_acts(world, case):
    for person in (world.supervisor, world.drafter_a, world.signer, world.other_office):
        response = _act(person, case, "answer", {"answered_on": "2024-10-08"})
        assert response.status_code == 403, person.username
        with pytest.raises(PermissionDenied):
            services.answer_case(person, case, answered_on=date(2024, 10, 8))
    assert Case.objects.get(pk=case.pk).answered_on is None


def test_who_opens_the_case_page_and_its_editor(world, case):
    page = reverse("oversight_staff:case", args=[case.pk])
    edit = reverse("oversight_staff:case_edit", args=[case.pk])
    assert _client(world.office).get(page).status_code == 200
    assert _client(world.office).get(edit).status_code == 200
    assert _client(world.supervisor).get(page).status_code == 200
    assert _client(world.supervisor).get(edit).status_code == 403
    for person in (world.drafter_a, world.checker_a, world.secrecy, world.signer, world.other_office):
        assert _client(person).get(page).status_code == 403, person.username
        assert _client(person).get(edit).status_code == 403, person.username
    assert Client().get(page).status_code == 302  # to the login page
    assert _client(world.office).get(reverse("oversight_staff:case_act", args=[case.pk, "answer"])).status_code == 405
    assert _client(world.office).post(reverse("oversight_staff:case_act", args=[case.pk, "nope"])).status_code == 404
