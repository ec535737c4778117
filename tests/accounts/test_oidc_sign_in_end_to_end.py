"""Signing in through a real OpenID Connect provider (django-oauth-toolkit in its own process, PKCE
required), in Chromium: the first sign-in makes the account with the mapped roles in the provider's
institution; changed claims change the roles at the next sign-in; logging out ends both sessions."""

from __future__ import annotations

import pytest

from tests.accounts.conftest import use_oidc
from tests.personas import build_world
from xxgk.accounts.models import Attribute, IdentityLink, LoginEvent, MappingRule
from xxgk.org.models import Membership, Role, Source

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFICER = {
    "password": "pw-e2002",
    "attributes": {
        "name": "李红",
        "email": "lihong@hblg.edu.cn",
        "department_code": "0302",
        "employee_type": "管理人员",
        "groups": ["xxgk-drafters"],
    },
}


@pytest.fixture
def campus(oidc_server, settings, live_server):
    use_oidc(settings, oidc_server)
    settings.OIDC_INSTITUTION = "hblg"  # one provider for one institution
    world = build_world()
    MappingRule.objects.create(
        institution=world.institution, attribute=Attribute.DEPARTMENT_CODE, value="0302", department=world.dept_b
    )
    MappingRule.objects.create(
        institution=world.institution, attribute=Attribute.GROUP, value="xxgk-drafters", role=Role.DRAFTER
    )
    oidc_server.set_people({"e2002": OFFICER})
    return world


def sign_in_at_provider(page, base, username, password):
    page.goto(f"{base}/accounts/login/")
    page.get_by_role("link", name="统一身份认证登录").click()
    page.wait_for_selector("#login_form")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("#login_form button[type=submit]")
    page.wait_for_url(f"{base}/**")


def test_first_sign_in_then_logout_ends_both_sessions(campus, oidc_server, new_page, live_server):
    page = new_page()
    sign_in_at_provider(page, live_server.url, "e2002", "pw-e2002")
    assert page.url == f"{live_server.url}/staff/"
    assert "拟稿" in page.locator("nav.menu").inner_text()  # a 信息员 drafts
    link = IdentityLink.objects.get(provider="oidc", subject="e2002")
    assert link.institution == campus.institution and link.user.first_name == "李红"
    assert set(Membership.objects.filter(user=link.user).values_list("role", "department", "source")) == {
        (Role.DRAFTER, campus.dept_b.pk, Source.MAPPED)
    }
    assert LoginEvent.objects.filter(user=link.user, method="oidc").count() == 1

    page.get_by_role("button", name="退出").first.click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/staff/")
    assert "/accounts/login/" in page.url  # xxgk's session is over
    page.get_by_role("link", name="统一身份认证登录").click()
    page.wait_for_selector("#login_form")  # and so is the provider's: it asks for the password again


def test_changed_claims_change_roles_at_next_sign_in(campus, oidc_server, new_page, live_server):
    page = new_page()
    sign_in_at_provider(page, live_server.url, "e2002", "pw-e2002")
    page.get_by_role("button", name="退出").first.click()
    page.wait_for_url(f"{live_server.url}/")
    oidc_server.set_people({"e2002": {**OFFICER, "attributes": {**OFFICER["attributes"], "groups": []}}})
    sign_in_at_provider(page, live_server.url, "e2002", "pw-e2002")
    assert page.url == f"{live_server.url}/accounts/waiting/"
    assert not Membership.objects.filter(user__identity_links__subject="e2002").exists()
