"""Every letter tells the applicant where to complain: the school's office and the 上级教育行政部门, as the office sets it."""

from datetime import date

from django.forms.models import model_to_dict
from django.urls import reverse

from tests.foi.conftest import second_office
from xxgk.foi import services
from xxgk.foi.letters import render_letter
from xxgk.foi.loader import data, rules_for
from xxgk.foi.models import ReplyType


def sent(world, app, on=date(2024, 3, 8)):
    services.draft_reply(
        world.office, app, reply_type=ReplyType.objects.get(code="public"), reason=None, text="见附件。"
    )
    services.approve_reply(second_office(world), app)
    return services.send_reply(world.office, app, on=on)


def letter_text(app, reply) -> str:
    return "".join(render_letter(app, reply)[1])


def test_every_default_template_uses_the_remedy_clause():
    for code, body in data("letter_templates.json")["templates"].items():
        assert "{{ remedy }}" in body, code
        assert "上级主管部门提出" not in body and "reason.name" not in body, code


def test_the_default_names_the_office_and_the_supervising_authority(world, received):
    app = received(on=date(2024, 3, 1))
    text = letter_text(app, sent(world, app))
    assert "可以向海滨理工大学信息公开工作机构（党政办公室）提出投诉、举报" in text
    assert "可以向学校所在地省级教育行政部门（中央部门所属高校为其上级主管部门）举报" in text


def test_the_office_names_its_own_authority(world, received):
    rules = rules_for(world.institution)
    services.update_rules(world.office, rules, supervisor="海南省教育厅")
    app = received(on=date(2024, 3, 1))
    text = letter_text(app, sent(world, app))
    assert "可以向海南省教育厅举报" in text


def test_the_rules_page_edits_the_clause_and_refuses_an_empty_or_broken_one(client, world):
    client.force_login(world.office)
    url = reverse("foi_staff:rules")
    page = client.get(url).content.decode()
    assert "上级教育行政部门" in page and "答复书的救济告知" in page
    fields = {k: v for k, v in model_to_dict(rules_for(world.institution)).items() if v is not None}
    assert "请填写答复书的救济告知" in client.post(url, {**fields, "remedy": "  "}).content.decode()
    assert "语法错误" in client.post(url, {**fields, "remedy": "{% if %}"}).content.decode()
    response = client.post(
        url, {**fields, "remedy": "如有异议，可向{{ supervisor }}举报。", "supervisor": "海南省教育厅"}
    )
    assert response.status_code == 302
    rules = rules_for(world.institution)
    assert rules.remedy == "如有异议，可向{{ supervisor }}举报。" and rules.supervisor == "海南省教育厅"
