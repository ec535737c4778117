"""Signing in through a real CAS server (django-cas-server in its own process), in Chromium: the first sign-in
makes the account with the roles the mapping rules give; a changed attribute changes the roles at the next
sign-in, and a person who matches no rule sees the waiting page; logging out of xxgk ends the CAS session
too, and logging out at the CAS server ends the xxgk session (single logout)."""

from __future__ import annotations

import pytest

from tests.personas import build_world
from xxgk.accounts.models import Attribute, IdentityLink, LoginEvent, MappingRule
from xxgk.core.models import AuditEvent
from xxgk.org.models import Membership, Role, Source

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEACHER = {
    "password": "pw-t1001",
    "attributes": {
        "cn": "王晓明",
        "mail": "wangxm@hblg.edu.cn",
        "school": "HBLG",
        "departmentNumber": "0301",
        "memberOf": ["xxgk-reviewers", "staff"],
    },
}


@pytest.fixture
def campus(cas_server, settings, live_server):
    settings.CAS_SERVER_URL = cas_server.url + "/cas/"
    settings.CAS_VERSION = "3"
    settings.CAS_ATTRIBUTES = {**settings.CAS_ATTRIBUTES, "institution": "school"}
    world = build_world()
    MappingRule.objects.create(
        institution=world.institution, attribute=Attribute.DEPARTMENT_CODE, value="0301", department=world.dept_a
    )
    MappingRule.objects.create(
        institution=world.institution, attribute=Attribute.GROUP, value="xxgk-reviewers", role=Role.CHECKER
    )
    cas_server.set_people({"t1001": TEACHER})
    return world


def sign_in_at_cas(page, base, username, password):
    page.goto(f"{base}/accounts/login/")
    page.get_by_role("link", name="统一身份认证登录").click()
    page.wait_for_selector("#login_form")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("#login_form button[type=submit]")
    page.wait_for_load_state()


def log_out(page, base):
    """退出: xxgk, then the CAS server's logout, which sends the browser back to xxgk's home page."""
    page.get_by_role("button", name="退出").first.click()
    page.wait_for_url(f"{base}/")


def test_first_sign_in_makes_the_account_with_mapped_roles(campus, cas_server, new_page, live_server):
    page = new_page()
    sign_in_at_cas(page, live_server.url, "t1001", "pw-t1001")
    assert page.url == f"{live_server.url}/staff/"
    assert "我的待办" in page.locator("nav.menu").inner_text()
    link = IdentityLink.objects.get(provider="cas", subject="t1001")
    assert link.institution == campus.institution
    assert link.user.first_name == "王晓明" and link.user.email == "wangxm@hblg.edu.cn"
    roles = set(Membership.objects.filter(user=link.user).values_list("role", "department", "source"))
    assert roles == {(Role.CHECKER, campus.dept_a.pk, Source.MAPPED)}
    assert LoginEvent.objects.filter(user=link.user, method="cas").count() == 1


def test_changed_attributes_change_roles_at_next_sign_in(campus, cas_server, new_page, live_server):
    page = new_page()
    sign_in_at_cas(page, live_server.url, "t1001", "pw-t1001")
    log_out(page, live_server.url)
    cas_server.set_people({"t1001": {**TEACHER, "attributes": {**TEACHER["attributes"], "memberOf": ["staff"]}}})
    sign_in_at_cas(page, live_server.url, "t1001", "pw-t1001")
    assert page.url == f"{live_server.url}/accounts/waiting/"
    assert "已登录，待学校办公室分配角色" in page.locator("main").inner_text()
    assert "0898-66660000" in page.locator("#office-contacts").inner_text()  # the office's telephone
    user = IdentityLink.objects.get(subject="t1001").user
    assert not Membership.objects.filter(user=user).exists()
    taken = AuditEvent.objects.get(action="role_unmapped")
    assert taken.institution == campus.institution and "审核人" in taken.summary


def test_logout_ends_both_sessions(campus, cas_server, new_page, live_server):
    page = new_page()
    sign_in_at_cas(page, live_server.url, "t1001", "pw-t1001")
    log_out(page, live_server.url)
    page.goto(f"{live_server.url}/staff/")
    assert "/accounts/login/" in page.url  # xxgk's session is over
    page.goto(f"{cas_server.url}/cas/login")
    assert page.locator("#login_form").count() == 1  # and so is the CAS session: it asks for the password again


def test_logging_out_at_cas_ends_the_xxgk_session(campus, cas_server, new_page, live_server):
    page = new_page()
    sign_in_at_cas(page, live_server.url, "t1001", "pw-t1001")
    page.goto(f"{cas_server.url}/cas/logout")  # CAS sends its single-logout request to xxgk
    page.goto(f"{live_server.url}/staff/")
    assert "/accounts/login/" in page.url
