"""On the request form site.js shows only the fields for the chosen kind of applicant: a 自然人 sees the
personal id type and no organisation fields; choosing 法人或其他组织 shows 组织类型 and 联系人 and hides the
id type, and an organisation's application then goes through (the hidden fields are not sent)."""

from __future__ import annotations

import pytest

from tests.foi.conftest import VALID_USCC
from tests.personas import build_world
from xxgk.foi.models import Application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_fields_follow_the_applicant_type(new_page, live_server, settings):
    settings.FOI_MIN_FORM_SECONDS = 0
    build_world()
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/hblg/apply/")
    assert page.locator("#field-id_type").is_visible()
    assert page.locator("#field-org_type").is_hidden() and page.locator("#field-contact_person").is_hidden()

    page.get_by_role("radio", name="法人或其他组织").check()
    assert page.locator("#field-org_type").is_visible() and page.locator("#field-contact_person").is_visible()
    assert page.locator("#field-id_type").is_hidden()
    assert page.locator("#id_id_type").is_disabled()

    page.get_by_role("radio", name="自然人").check()
    assert page.locator("#field-org_type").is_hidden() and page.locator("#field-id_type").is_visible()

    page.get_by_role("radio", name="法人或其他组织").check()
    page.select_option("#id_org_type", "legal")
    page.fill("#id_name", "某律师事务所")
    page.fill("#id_contact_person", "赵律师")
    page.fill("#id_id_number", VALID_USCC)
    page.fill("#id_phone", "13800138000")
    page.fill("#id_title", "2023年本科招生各省录取分数统计表")
    page.check("input[name=info_form][value=electronic]")
    page.check("input[name=delivery][value=online]")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_load_state()
    assert "申请已提交" in page.locator("h1").inner_text(), page.content()[:3000]
    app = Application.objects.get()
    assert (app.id_type, app.org_type, app.contact_person) == ("credit_code", "legal", "赵律师")
