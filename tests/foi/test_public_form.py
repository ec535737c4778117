"""The public form: every field's invalid values get a clear message, nothing typed is lost; spam guard; rate limit."""

import time

import pytest
from django.urls import reverse

from tests.foi.conftest import VALID_USCC, applicant
from xxgk.foi import spam
from xxgk.foi.models import Application

URL = reverse("foi:apply", kwargs={"slug": "hblg"})


def post(client, ip="10.0.0.1", token_age=10, **fields):
    data = {**applicant(), "token": spam.make_token(time.time() - token_age), "website": "", **fields}
    return client.post(URL, data, REMOTE_ADDR=ip)


def test_a_valid_application_gets_a_code_and_secret(client, world):
    response = post(client)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    app = Application.objects.get()
    assert app.code in page and "查询密码" in page
    assert app.channel == "online" and app.state == "received"
    assert app.secret_hash.startswith("md5$")  # stored hashed, never in clear


INVALID = [
    ({"applicant_type": ""}, "请选择申请人类型"),
    ({"name": ""}, "请填写姓名或名称"),
    ({"id_number": ""}, "请填写证件号码"),
    ({"id_number": "110105194912310021"}, "校验位不正确"),
    ({"id_number": "1101051949123100"}, "应为18位"),
    ({"id_number": "110105194913310028"}, "出生日期无效"),
    ({"id_type": "passport", "id_number": "E12"}, "护照号码应为"),
    ({"id_type": "hk_macao_permit", "id_number": "X1234567"}, "港澳居民来往内地通行证"),
    ({"id_type": "taiwan_permit", "id_number": "12AB"}, "台湾居民来往大陆通行证"),
    ({"id_type": "credit_code"}, "自然人请选择个人身份证件"),
    (
        {"applicant_type": "organisation", "org_type": "", "id_number": VALID_USCC, "contact_person": "赵"},
        "请选择组织类型",
    ),
    (
        {
            "applicant_type": "organisation",
            "org_type": "business",
            "id_number": "91350100M000100Y44",
            "contact_person": "赵",
        },
        "统一社会信用代码的校验位不正确",
    ),
    (
        {
            "applicant_type": "organisation",
            "org_type": "business",
            "id_number": "91350100M0001O0Y43",
            "contact_person": "赵",
        },
        "不含I、O、S、V、Z",
    ),
    (
        {"applicant_type": "organisation", "org_type": "business", "id_number": VALID_USCC, "contact_person": ""},
        "请填写联系人姓名",
    ),
    ({"phone": "12345"}, "请填写有效的联系电话"),
    ({"phone": "", "email": ""}, "至少填写联系电话或电子邮箱"),
    ({"email": "not-an-email"}, "有效的电子邮箱"),
    ({"delivery": "email", "email": ""}, "请填写电子邮箱"),
    ({"postcode": "5702"}, "邮政编码应为6位数字"),
    ({"title": ""}, "请填写所需信息的名称"),
    ({"title": "长" * 301}, "不能超过300"),
    ({"purpose": "用" * 501}, "不能超过500"),
    ({"info_form": ""}, "请选择获取信息的形式"),
    ({"delivery": "pigeon"}, "请选择获取信息的方式"),
    ({"info_form": "paper", "delivery": "email"}, "纸质形式不能通过电子邮件提供"),
    ({"delivery": "post", "address": ""}, "请填写通讯地址"),
]


@pytest.mark.parametrize("fields,message", INVALID)
def test_invalid_values_are_refused_with_a_clear_message_and_kept(client, world, fields, message):
    response = post(client, **fields)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert not Application.objects.exists()
    assert "2023年本科招生各省录取分数统计表" in page or fields.get("title") is not None  # what was typed stays
    assert 'value="王小明"' in page or "name" in fields


def test_an_organisation_with_a_valid_credit_code_is_accepted(client, world):
    response = post(
        client,
        applicant_type="organisation",
        org_type="legal",
        id_type="",
        id_number=VALID_USCC,
        name="某律师事务所",
        contact_person="赵律师",
    )
    assert response.status_code == 302
    app = Application.objects.get()
    assert (app.id_type, app.org_type, app.column) == ("credit_code", "legal", "legal")


def test_a_filled_honeypot_is_refused(client, world):
    response = post(client, website="http://spam.example")
    assert response.status_code == 400 and "请勿填写" in response.content.decode()
    assert not Application.objects.exists()


def test_a_submit_within_three_seconds_is_refused_and_can_be_resent(client, world):
    response = post(client, token_age=0.5)
    page = response.content.decode()
    assert "提交过快" in page and not Application.objects.exists()
    assert 'value="王小明"' in page  # nothing lost


def test_stale_or_forged_tokens_are_refused(client, world):
    assert "页面停留时间过长" in post(client, token_age=2 * 24 * 3600).content.decode()
    response = client.post(URL, {**applicant(), "token": "forged", "website": ""}, REMOTE_ADDR="10.0.0.1")
    assert "表单已失效" in response.content.decode()
    assert not Application.objects.exists()


def test_more_than_five_an_hour_from_one_address_are_refused(client, world):
    for _ in range(5):
        assert post(client, ip="10.0.0.9").status_code == 302
    response = post(client, ip="10.0.0.9")
    assert response.status_code == 429 and "一小时内提交的申请过多" in response.content.decode()
    assert post(client, ip="10.0.0.10").status_code == 302
    assert Application.objects.count() == 6


def test_unknown_institution_is_404(client, world):
    assert client.get("/nowhere/apply/").status_code == 404
