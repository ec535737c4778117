"""Staff pages: who sees what (identity only to those handling it), register with the received-date rules,
actions through the detail page, statistics with XLSX."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.foi.conftest import VALID_ID, applicant, second_office
from xxgk.foi import services
from xxgk.foi.models import Application, ReplyType


@pytest.fixture
def app(world):
    return services.submit_online(world.institution, applicant(), today=date(2024, 3, 1)).application


def detail(app):
    return reverse("foi_staff:detail", kwargs={"pk": app.pk})


def test_office_sees_the_identity_supervisor_does_not(client, world, app):
    client.force_login(world.office)
    page = client.get(detail(app)).content.decode()
    assert VALID_ID in page and "13800138000" in page
    client.force_login(world.supervisor)
    page = client.get(detail(app)).content.decode()
    assert app.title in page and VALID_ID not in page and "王小明" not in page
    assert "王小明" not in client.get(reverse("foi_staff:list")).content.decode()


def test_department_staff_see_only_what_is_routed_to_them(client, world, app):
    client.force_login(world.drafter_a)
    assert client.get(detail(app)).status_code == 403
    services.route(world.office, app, world.dept_a)
    page = client.get(detail(app)).content.decode()
    assert VALID_ID in page
    client.force_login(world.drafter_b)
    assert client.get(detail(app)).status_code == 403
    assert app.code not in client.get(reverse("foi_staff:list")).content.decode()
    for who in ("other_office", "signer", "secrecy", "other_drafter"):
        client.force_login(world.people[who])
        assert client.get(detail(app)).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client, app):
    assert client.get(detail(app)).status_code == 302


def test_a_drafter_cannot_act_on_someone_elses_application(client, world, app):
    services.route(world.office, app, world.dept_a)
    client.force_login(world.drafter_b)
    response = client.post(
        reverse("foi_staff:act", kwargs={"pk": app.pk, "action": "draft"}),
        {"draft-reply_type": ReplyType.objects.get(code="public").pk, "draft-text": "答复"},
    )
    assert response.status_code == 403
    client.force_login(world.drafter_a)
    response = client.post(reverse("foi_staff:act", kwargs={"pk": app.pk, "action": "approve"}), {})
    assert response.status_code == 403


def test_list_puts_overdue_first_and_highlights_it(client, world):
    today = timezone.localdate()
    late = services.submit_online(world.institution, applicant(title="早已逾期"), today=today - timedelta(days=60))
    services.submit_online(world.institution, applicant(title="刚收到"), today=today)
    client.force_login(world.office)
    page = client.get(reverse("foi_staff:list")).content.decode()
    assert page.index("早已逾期") < page.index("刚收到")
    assert "status-overdue" in page and "已逾期 1 件" in page
    assert late.application.code in page


def test_register_a_letter_needs_the_signed_for_date(client, world):
    client.force_login(world.office)
    url = reverse("foi_staff:register")
    data = {**applicant(info_form="paper", delivery="post"), "channel": "letter", "received_on": ""}
    response = client.post(url, data)
    assert "请填写签收日期" in response.content.decode() and not Application.objects.exists()
    response = client.post(url, {**data, "received_on": "2024-10-12"})
    app = Application.objects.get()
    assert (app.channel, app.received_on, app.due_on) == ("letter", date(2024, 10, 12), date(2024, 11, 1))
    assert response.status_code == 302 and app.events.get().action == "registered"


def test_register_in_person_is_received_that_day(client, world):
    client.force_login(world.office)
    client.post(reverse("foi_staff:register"), {**applicant(), "channel": "in_person", "received_on": ""})
    assert Application.objects.get().received_on == timezone.localdate()


def test_register_refuses_future_dates_and_non_office(client, world):
    client.force_login(world.office)
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(reverse("foi_staff:register"), {**applicant(), "channel": "fax", "received_on": future})
    assert "不能晚于今天" in response.content.decode()
    client.force_login(world.drafter_a)
    assert client.get(reverse("foi_staff:register")).status_code == 403


def test_actions_through_the_detail_page(client, world, app):
    client.force_login(world.office)
    act = lambda name, data: client.post(reverse("foi_staff:act", kwargs={"pk": app.pk, "action": name}), data)  # noqa
    response = act("correction", {"correction-items": ""})
    assert response.status_code == 400 and "需要补正的内容" in response.content.decode()
    assert act("route", {"route-department": world.dept_a.pk}).status_code == 302
    assert act("extend", {"extend-reason": "调档", "extend-approver": ""}).status_code == 400
    text = "答复：身份证11010519491231002X"
    client.force_login(world.drafter_a)  # the department drafts, the office approves
    assert (
        act("draft", {"draft-reply_type": ReplyType.objects.get(code="public").pk, "draft-text": text}).status_code
        == 302
    )
    client.force_login(world.office)
    response = act("approve", {})
    assert response.status_code == 400 and "个人信息" in response.content.decode()
    client.force_login(world.drafter_a)
    act("draft", {"draft-reply_type": ReplyType.objects.get(code="public").pk, "draft-text": "答复：见附件。"})
    client.force_login(world.office)
    assert act("approve", {}).status_code == 302
    assert act("send", {"send-on": "2024-03-15"}).status_code == 302
    app.refresh_from_db()
    assert app.state == "closed"
    letter = client.get(reverse("foi_staff:letter", kwargs={"pk": app.pk, "fmt": "docx"}))
    assert letter.status_code == 200
    client.force_login(world.supervisor)
    assert client.get(reverse("foi_staff:letter", kwargs={"pk": app.pk, "fmt": "docx"})).status_code == 403


def test_statistics_page_and_xlsx(client, world, app):
    client.force_login(world.office)
    url = reverse("foi_staff:stats")
    page = client.get(url, {"start": "2024-01-01", "end": "2024-12-31"}).content.decode()
    assert "一、本年新收政府信息公开申请数量" in page and "勾稽关系检查" in page
    xlsx = client.get(url, {"start": "2024-01-01", "end": "2024-12-31", "format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    bad = client.get(url, {"start": "2024-12-31", "end": "2024-01-01"})
    assert bad.status_code == 200 and "截止日期不能早于起始日期" in bad.content.decode()  # ignored, with a warning
    client.force_login(world.drafter_a)
    assert client.get(url).status_code == 403


def test_office_edits_a_letter_template(client, world, app):
    client.force_login(world.office)
    client.get(reverse("foi_staff:templates"))
    from xxgk.foi.models import LetterTemplate

    template = LetterTemplate.objects.get(institution=world.institution, reply_type__code="public")
    url = reverse("foi_staff:template_edit", kwargs={"pk": template.pk})
    bad = client.post(url, {"title": "答复书", "body": "{% if %}"})
    assert "模板有语法错误" in bad.content.decode()
    client.post(
        url, {"title": "依申请公开答复书", "body": "{{ application.name }}：经研究，同意公开。{{ reply.text }}"}
    )
    services.draft_reply(world.office, app, reply_type=template.reply_type, reason=None, text="附件一份。")
    services.approve_reply(second_office(world), app)
    reply = services.send_reply(world.office, app, on=date(2024, 3, 8))
    from docx import Document

    text = "".join(p.text for p in Document(reply.letter_docx.path).paragraphs)
    assert "依申请公开答复书" in text and "经研究，同意公开。附件一份。" in text
    client.force_login(world.other_office)
    assert client.get(url).status_code == 404
