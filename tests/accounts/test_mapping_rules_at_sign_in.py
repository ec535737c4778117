"""The institution's mapping rules decide a person's roles at every sign-in through the campus identity:
a department rule places them, a role rule gives the role there; a role granted by hand is kept and marked
as such; a person who no longer matches loses the mapped roles (an audit event each); the 督查 role is never
mapped; the institution comes from an attribute, else the provider's own setting."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from xxgk.accounts import services
from xxgk.accounts.models import Attribute, IdentityLink, MappingRule
from xxgk.core.models import AuditEvent
from xxgk.org.models import Membership, Role, Source
from xxgk.org.services import grant

ATTRS = {"school": "HBLG", "departmentNumber": "0301", "memberOf": ["xxgk-reviewers"], "employeeType": "教工"}


@pytest.fixture
def rules(world, settings):
    settings.CAS_ATTRIBUTES = {**settings.CAS_ATTRIBUTES, "institution": "school"}
    inst = world.institution
    MappingRule.objects.create(
        institution=inst, attribute=Attribute.DEPARTMENT_CODE, value="0301", department=world.dept_a
    )
    MappingRule.objects.create(institution=inst, attribute=Attribute.GROUP, value="xxgk-reviewers", role=Role.CHECKER)
    MappingRule.objects.create(
        institution=inst, attribute=Attribute.EMPLOYEE_ID, value="T9001", department=world.dept_b, role=Role.DRAFTER
    )
    return world


def roles(user):
    return set(Membership.objects.filter(user=user).values_list("role", "department", "source"))


def test_placed_by_department_and_given_the_group_role_there(rules):
    user = services.sign_in("cas", "t1001", ATTRS)
    assert user.username == "t1001@cas"
    assert roles(user) == {(Role.CHECKER, rules.dept_a.pk, Source.MAPPED)}
    assert IdentityLink.objects.get(user=user).institution == rules.institution
    assert AuditEvent.objects.filter(action="role_mapped", institution=rules.institution).count() == 1


def test_a_rule_naming_department_and_role(rules):
    user = services.sign_in("cas", "t9001", {"school": "HBLG", "employeeNumber": "T9001"})
    assert roles(user) == {(Role.DRAFTER, rules.dept_b.pk, Source.MAPPED)}


def test_no_longer_matching_loses_mapped_roles_but_keeps_hand_granted_ones(rules):
    user = services.sign_in("cas", "t1001", ATTRS)
    grant(user, Role.SIGNER, department=rules.dept_b)
    user = services.sign_in("cas", "t1001", {**ATTRS, "memberOf": []})
    assert roles(user) == {(Role.SIGNER, rules.dept_b.pk, Source.MANUAL)}
    removed = AuditEvent.objects.get(action="role_unmapped")
    assert removed.institution == rules.institution and "t1001@cas" in removed.summary


def test_a_mapped_role_granted_by_hand_becomes_hand_granted_and_stays(rules):
    user = services.sign_in("cas", "t1001", ATTRS)
    grant(user, Role.CHECKER, department=rules.dept_a)
    user = services.sign_in("cas", "t1001", {**ATTRS, "memberOf": []})
    assert roles(user) == {(Role.CHECKER, rules.dept_a.pk, Source.MANUAL)}


def test_unmatched_person_signs_in_without_roles(rules):
    user = services.sign_in("cas", "s2024", {"school": "HBLG", "departmentNumber": "9999"})
    assert user is not None and roles(user) == set()
    assert IdentityLink.objects.get(user=user).institution == rules.institution


def test_institution_from_the_provider_setting_without_an_attribute(rules, settings):
    settings.CAS_INSTITUTION = "scsf"
    user = services.sign_in("cas", "t2", {"departmentNumber": "0301", "memberOf": ["xxgk-reviewers"]})
    assert IdentityLink.objects.get(user=user).institution == rules.other_institution
    assert roles(user) == set()  # 山城师范学院 has no rules


def test_an_unknown_institution_places_nobody_and_takes_mapped_roles(rules):
    user = services.sign_in("cas", "t3", ATTRS)
    grant(user, Role.SIGNER, department=rules.dept_b)
    assert len(roles(user)) == 2
    user = services.sign_in("cas", "t3", {**ATTRS, "school": "NOPE"})
    assert IdentityLink.objects.get(user=user).institution is None
    assert roles(user) == {(Role.SIGNER, rules.dept_b.pk, Source.MANUAL)}


def test_the_subject_never_meets_a_local_account(rules):
    local = rules.person("t1001@cas")
    user = services.sign_in("cas", "t1001", ATTRS)
    assert user != local and user.username == "t1001@cas-2"


def test_a_deactivated_account_cannot_sign_in(rules):
    user = services.sign_in("cas", "t1001", ATTRS)
    user.is_active = False
    user.save()
    assert services.sign_in("cas", "t1001", ATTRS) is None


def test_the_supervisor_role_cannot_be_a_rule(rules):
    with pytest.raises(ValidationError):
        services.add_rule(rules.office, rules.institution, attribute=Attribute.GROUP, value="x", role=Role.SUPERVISOR)


def test_only_the_institutions_office_edits_its_rules(rules):
    from django.core.exceptions import PermissionDenied

    for person in ("other_office", "signer", "drafter_a", "supervisor"):
        with pytest.raises(PermissionDenied):
            services.add_rule(
                rules.people[person], rules.institution, attribute=Attribute.GROUP, value="g", role=Role.CHECKER
            )
    rule = services.add_rule(rules.office, rules.institution, attribute=Attribute.GROUP, value="g", role=Role.CHECKER)
    with pytest.raises(PermissionDenied):
        services.remove_rule(rules.other_office, rule)
    services.remove_rule(rules.office, rule)
    assert AuditEvent.objects.filter(action__in=["mapping_rule_added", "mapping_rule_removed"]).count() == 2


def test_moving_to_another_institution_takes_the_old_mapped_roles(rules):
    user = services.sign_in("cas", "t4", ATTRS)
    assert roles(user) == {(Role.CHECKER, rules.dept_a.pk, Source.MAPPED)}
    user = services.sign_in("cas", "t4", {**ATTRS, "school": "SCSF"})
    assert IdentityLink.objects.get(user=user).institution == rules.other_institution and roles(user) == set()
    assert AuditEvent.objects.get(action="role_unmapped").institution == rules.institution
