"""A province deployment: each institution connects its own CAS server (IdentityProvider, edited by the
platform administrator). Two real CAS servers on two loopback ports, in Chromium: the login page offers a
choice of school (and ?institution= goes straight to that school's server); the person's institution is the
one whose provider vouched for them, whatever their attributes claim; the same user id at two schools is two
people; logging out ends the school's CAS session, and the school's single logout ends the xxgk session."""

from __future__ import annotations

import pytest

from tests.personas import build_world
from xxgk.accounts.models import Attribute, IdentityLink, IdentityProvider, LoginEvent, MappingRule
from xxgk.org.models import Membership, Role, Source

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def person(school_claim: str, department: str, groups: list[str]) -> dict:
    return {
        "password": "pw-t1001",
        "attributes": {"cn": "王晓明", "school": school_claim, "departmentNumber": department, "memberOf": groups},
    }


@pytest.fixture
def province(cas_server, second_cas_server, settings, live_server):
    settings.CAS_SERVER_URL = None  # no deployment-wide provider: each school has its own
    settings.CAS_ATTRIBUTES = {**settings.CAS_ATTRIBUTES, "institution": "school"}
    world = build_world()
    IdentityProvider.objects.create(institution=world.institution, kind="cas", server_url=cas_server.url + "/cas/")
    IdentityProvider.objects.create(
        institution=world.other_institution, kind="cas", server_url=second_cas_server.url + "/cas/"
    )
    MappingRule.objects.create(
        institution=world.institution, attribute=Attribute.DEPARTMENT_CODE, value="0301", department=world.dept_a
    )
    MappingRule.objects.create(
        institution=world.institution, attribute=Attribute.GROUP, value="xxgk-reviewers", role=Role.CHECKER
    )
    other_dept = world.other_institution.departments.get()
    MappingRule.objects.create(
        institution=world.other_institution,
        attribute=Attribute.GROUP,
        value="staff",
        role=Role.DRAFTER,
        department=other_dept,
    )
    # the same user id at both schools; at 海滨理工 the attributes claim the other school, which is ignored
    cas_server.set_people({"t1001": person("SCSF", "0301", ["xxgk-reviewers"])})
    second_cas_server.set_people({"t1001": person("", "", ["staff"])})
    return world


def enter_password(page, username="t1001", password="pw-t1001"):
    page.wait_for_selector("#login_form")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("#login_form button[type=submit]")
    page.wait_for_load_state()


def test_choose_school_then_sign_in_at_its_own_cas(province, cas_server, second_cas_server, new_page, live_server):
    base = live_server.url
    page = new_page()
    page.goto(f"{base}/accounts/login/")
    choices = page.locator("#sso-schools a").all_inner_texts()
    assert choices == ["山城师范学院 统一身份认证", "海滨理工大学 统一身份认证"]
    page.get_by_role("link", name="海滨理工大学 统一身份认证").click()
    page.wait_for_url(f"{cas_server.url}/cas/login**")
    enter_password(page)
    assert page.url == f"{base}/staff/"
    link = IdentityLink.objects.get(provider="cas:hblg", subject="t1001")
    assert link.institution == province.institution  # the provider used, not the attribute (SCSF)
    assert set(Membership.objects.filter(user=link.user).values_list("role", "department", "source")) == {
        (Role.CHECKER, province.dept_a.pk, Source.MAPPED)
    }
    assert LoginEvent.objects.filter(user=link.user, method="cas").count() == 1

    page.get_by_role("button", name="退出").first.click()
    page.wait_for_url(f"{base}/")
    page.goto(f"{cas_server.url}/cas/login")
    assert page.locator("#login_form").count() == 1  # the school's CAS session ended with xxgk's

    page.goto(f"{base}/accounts/login/?institution=scsf")  # straight to the other school's server
    page.wait_for_url(f"{second_cas_server.url}/cas/login**")
    enter_password(page)
    assert page.url == f"{base}/staff/"
    there = IdentityLink.objects.get(provider="cas:scsf", subject="t1001")
    assert there.user != link.user and there.institution == province.other_institution
    assert set(Membership.objects.filter(user=there.user).values_list("role", "institution")) == {
        (Role.DRAFTER, province.other_institution.pk)
    }


def test_single_logout_from_the_school_ends_the_xxgk_session(province, second_cas_server, new_page, live_server):
    page = new_page()
    page.goto(f"{live_server.url}/accounts/login/?institution=scsf")
    enter_password(page)
    assert page.url == f"{live_server.url}/staff/"
    page.goto(f"{second_cas_server.url}/cas/logout")  # the school's CAS sends its logoutRequest to xxgk
    page.goto(f"{live_server.url}/staff/")
    assert "/accounts/login/" in page.url


def test_a_switched_off_provider_is_not_offered(province, new_page, live_server):
    IdentityProvider.objects.filter(institution=province.other_institution).update(enabled=False)
    page = new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("#sso-schools a").all_inner_texts() == ["海滨理工大学 统一身份认证"]
    assert page.goto(f"{live_server.url}/accounts/cas/scsf/login/").status == 404
