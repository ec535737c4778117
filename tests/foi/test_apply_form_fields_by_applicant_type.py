"""The request form keeps the portal's frame, marks its required fields (a visible * explained above the
form, `required` or aria-required on the control) and labels the fields that concern one kind of applicant
(data-shown-for, which site.js uses to show them only for that kind); an organisation is never offered a
personal id type field to fill and a person is never offered the 统一社会信用代码."""

from __future__ import annotations

import re
import time

from django.urls import reverse

from tests.foi.conftest import VALID_USCC, applicant
from xxgk.foi import spam
from xxgk.foi.models import Application

URL = reverse("foi:apply", kwargs={"slug": "hblg"})


def _field(html: str, name: str) -> str:
    return re.search(rf'<div class="field[^"]*" id="field-{name}"[^>]*>.*?</div>', html, re.S).group(0)


def test_the_form_is_in_the_portal_frame_with_required_fields_marked(client, world):
    html = client.get(URL).content.decode()
    assert 'class="sections' in html and 'aria-current="page">依申请公开</a>' in html  # the portal's navigation
    assert world.institution.office_name in html.split('<footer class="site">')[1]
    assert '<span class="required" aria-hidden="true">*</span> 为必填项' in html
    for name in ("name", "id_number", "title"):
        field = _field(html, name)
        assert '<span class="required" aria-hidden="true">*</span></label>' in field, name
        assert re.search(r"<(input|textarea)[^>]* required[ >]", field) and 'aria-required="true"' in field, name
    for name in ("applicant_type", "info_form", "delivery"):
        field = _field(html, name)
        assert '<fieldset role="radiogroup" aria-required="true">' in field and "*</span></legend>" in field, name
    for name in ("phone", "email", "address", "postcode", "doc_number", "purpose"):
        assert "required" not in _field(html, name), name


def test_fields_for_one_kind_of_applicant_are_labelled_and_marked(client, world):
    html = client.get(URL).content.decode()
    for name in ("org_type", "contact_person"):
        field = _field(html, name)
        assert 'data-shown-for="applicant_type=organisation"' in field
        assert "（法人或其他组织填写）" in field and 'aria-required="true"' in field
        assert not re.search(r" required[ >]", field)  # a person leaves it empty
    id_type = _field(html, "id_type")
    assert 'data-shown-for="applicant_type=natural"' in id_type and "（自然人填写）" in id_type
    assert "统一社会信用代码" not in id_type and "居民身份证" in id_type
    assert re.search(r'<input type="radio" name="applicant_type" value="natural"[^>]*checked', html)  # the usual kind


def _post(client, **fields):
    data = {**applicant(), "token": spam.make_token(time.time() - 10), "website": "", **fields}
    return client.post(URL, data, REMOTE_ADDR="10.0.0.9")


def test_an_organisation_sends_no_id_type_and_is_identified_by_its_credit_code(client, world):
    # site.js disables the hidden personal fields, so the browser sends no id_type at all
    data = {k: v for k, v in applicant().items() if k != "id_type"}
    response = client.post(
        URL,
        {
            **data,
            "applicant_type": "organisation",
            "org_type": "legal",
            "id_number": VALID_USCC,
            "name": "某律师事务所",
            "contact_person": "赵律师",
            "token": spam.make_token(time.time() - 10),
            "website": "",
        },
        REMOTE_ADDR="10.0.0.9",
    )
    assert response.status_code == 302
    assert Application.objects.get().id_type == "credit_code"


def test_a_person_choosing_the_credit_code_gets_the_rules_message(client, world):
    html = _post(client, id_type="credit_code").content.decode()
    assert "自然人请选择个人身份证件" in html and "选择一个有效的选项" not in html
