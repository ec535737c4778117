"""The office's people screen, as a matrix: the office of A sees and changes only A's people; a department
head (签发人), a reviewer, a drafter and the 督查 are refused every people page; the 督查 role is granted by
the platform administrator only; every change is an audit event."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from xxgk.accounts import services
from xxgk.accounts.models import Attribute, MappingRule, Person
from xxgk.core.models import AuditEvent
from xxgk.org.models import Membership, Role, Source
from xxgk.org.services import grant_by, revoke

REFUSED = ["signer", "checker_a", "drafter_a", "secrecy", "supervisor", "other_drafter"]


def urls(world):
    person = world.drafter_a.pk
    membership = Membership.objects.get(user=world.drafter_a).pk
    rule = MappingRule.objects.create(
        institution=world.institution, attribute=Attribute.GROUP, value="g", role="checker"
    )
    return [
        ("get", reverse("accounts_staff:people")),
        ("get", reverse("accounts_staff:mapping")),
        ("get", reverse("accounts_staff:person", args=[person])),
        ("post", reverse("accounts_staff:person", args=[person]), {"role": "checker", "department": world.dept_a.pk}),
        ("post", reverse("accounts_staff:revoke", args=[person, membership])),
        ("post", reverse("accounts_staff:set_active", args=[person]), {"active": "0"}),
        ("post", reverse("accounts_staff:unlock", args=[person])),
        ("post", reverse("accounts_staff:reset_two_factor", args=[person])),
        ("post", reverse("accounts_staff:mapping"), {"attribute": "groups", "value": "x", "role": "checker"}),
        ("post", reverse("accounts_staff:mapping_delete", args=[rule.pk])),
    ]


def request(client, method, url, data=None, **query):
    target = url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    return client.get(target) if method == "get" else client.post(target, data or {})


@pytest.mark.parametrize("who", REFUSED)
def test_no_role_but_the_office_opens_or_changes_anything(client, world, who):
    client.force_login(world.people[who])
    for method, url, *data in urls(world):
        assert request(client, method, url, *data).status_code == 403, (who, method, url)
    assert Membership.objects.filter(user=world.drafter_a, role=Role.DRAFTER).exists()
    assert get_user_model().objects.get(pk=world.drafter_a.pk).is_active
    assert not AuditEvent.objects.exists()


def test_the_office_of_another_institution_cannot_touch_them(client, world):
    client.force_login(world.other_office)
    for method, url, *data in urls(world):
        if url == reverse("accounts_staff:people") or url == reverse("accounts_staff:mapping"):
            assert request(client, method, url, *data, i="hblg").status_code == 403
            continue
        assert request(client, method, url, *data).status_code == 404, (method, url)  # not among its people
        assert request(client, method, url, *data, i="hblg").status_code == 403, (method, url)
    assert Membership.objects.filter(user=world.drafter_a).count() == 1
    assert MappingRule.objects.count() == 1 and not AuditEvent.objects.exists()
    people = client.get(reverse("accounts_staff:people")).content.decode()
    assert "other_drafter" in people and "drafter_a" not in people


def test_the_office_lists_grants_revokes_and_deactivates_its_people(client, world):
    client.force_login(world.office)
    page = client.get(reverse("accounts_staff:people")).content.decode()
    assert "drafter_a" in page and "other_drafter" not in page and "信息员 · 党委宣传部 · 手工授予" in page
    url = reverse("accounts_staff:person", args=[world.drafter_b.pk])
    assert client.post(url, {"role": "checker", "department": world.dept_b.pk}).status_code == 302
    granted = Membership.objects.get(user=world.drafter_b, role=Role.CHECKER)
    assert granted.source == Source.MANUAL and granted.department == world.dept_b
    client.post(reverse("accounts_staff:revoke", args=[world.drafter_b.pk, granted.pk]))
    assert not Membership.objects.filter(pk=granted.pk).exists()
    client.post(reverse("accounts_staff:set_active", args=[world.drafter_b.pk]), {"active": "0"})
    signing_in = Client().post("/accounts/login/", {"username": "drafter_b", "password": "pw-drafter_b"})
    assert signing_in.status_code == 200 and "_auth_user_id" not in signing_in.client.session
    actions = list(AuditEvent.objects.order_by("id").values_list("action", "actor__username", "institution"))
    assert actions == [
        ("role_granted", "office", world.institution.pk),
        ("role_revoked", "office", world.institution.pk),
        ("person_deactivated", "office", world.institution.pk),
    ]
    history = client.get(url).content.decode()
    assert "停用账号 drafter_b" in history and "收回 drafter_b 审核人" in history


def test_a_person_of_two_institutions_is_deactivated_by_neither_office_alone(world):
    grant_by(world.other_office, world.drafter_a, Role.CHECKER, institution=world.other_institution)
    person = Person.objects.get(pk=world.drafter_a.pk)
    for office in (world.office, world.other_office):
        with pytest.raises(PermissionDenied):
            services.set_active(office, person, False)
    services.grant_role(world.office, person, Role.SIGNER, institution=world.institution, department=world.dept_a)


def test_the_supervisor_role_is_granted_by_the_platform_administrator_only(client, world):
    client.force_login(world.office)
    url = reverse("accounts_staff:person", args=[world.drafter_b.pk])
    assert client.post(url, {"role": "supervisor"}).status_code == 200  # not offered: the form refuses it
    for actor in (world.office, world.supervisor, world.signer):
        with pytest.raises(PermissionDenied):
            grant_by(actor, world.drafter_b, Role.SUPERVISOR)
    assert not Membership.objects.filter(user=world.drafter_b, role=Role.SUPERVISOR).exists()
    root = get_user_model().objects.create_superuser("root", password="x")
    membership = grant_by(root, world.drafter_b, Role.SUPERVISOR)
    with pytest.raises(PermissionDenied):
        revoke(world.office, membership)
    revoke(root, membership)


def test_the_office_edits_its_mapping_rules(client, world):
    client.force_login(world.office)
    url = reverse("accounts_staff:mapping")
    response = client.post(url, {"attribute": "department_code", "value": "0301", "department": world.dept_a.pk})
    assert response.status_code == 302
    rule = MappingRule.objects.get(institution=world.institution)
    assert "0301" in client.get(url).content.decode()
    refused = client.post(url, {"attribute": "groups", "value": "x", "role": "supervisor"})
    assert refused.status_code == 200 and MappingRule.objects.count() == 1
    client.post(reverse("accounts_staff:mapping_delete", args=[rule.pk]))
    assert not MappingRule.objects.exists()


def test_people_waiting_for_a_role_are_in_the_offices_queue(client, world, settings):
    settings.CAS_INSTITUTION = "hblg"
    newcomer = services.sign_in("cas", "t5555", {"cn": "赵老师"})
    client.force_login(world.office)
    page = client.get(reverse("accounts_staff:people")).content.decode()
    queue = page[page.index('id="waiting"') : page.index('id="working"')]
    assert "赵老师" in queue and newcomer.username in queue
    client.force_login(world.other_office)
    assert "赵老师" not in client.get(reverse("accounts_staff:people")).content.decode()
