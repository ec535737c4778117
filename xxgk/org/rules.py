"""Who may act on institutions and departments (registered with the one policy in xxgk.org.policy)."""

from __future__ import annotations

from django.db.models import Q

from xxgk.org.models import Department, Institution, Role
from xxgk.org.policy import Grants, Rule, register


@register(Institution)
class InstitutionRule(Rule):
    """- manage: the office's settings, catalog, channels, templates and reports (办公室管理员).
    - view_office: the office-level pages that read the institution's figures, statistics and
      cases (办公室管理员, and 督查 for every institution).
    - view_staff: any staff page about the institution (any role in it; 督查 everywhere)."""

    actions = frozenset({"manage", "view_office", "view_staff"})

    def test(self, g: Grants, action: str, institution: Institution) -> bool:
        if action == "manage":
            return g.is_office_admin(institution.id)
        if action == "view_office":
            return g.is_supervisor or g.is_office_admin(institution.id)
        return g.is_supervisor or institution.id in g.institution_ids

    def scope(self, g: Grants, action: str) -> Q:
        if action == "manage":
            return g.office_q("id")
        if action == "view_office":
            return Q() if g.is_supervisor else g.office_q("id")
        return Q() if g.is_supervisor else g.institution_q("id")


@register(Department)
class DepartmentRule(Rule):
    """- draft: write records (and figures, tallies) for the department (its 信息员; the office).
    - oversee: be shown the department's overdue work (its head, the 签发人; the office).
    - view: see the department on staff pages (any role in its institution; 督查)."""

    actions = frozenset({"draft", "oversee", "view"})

    def test(self, g: Grants, action: str, department: Department) -> bool:
        if action == "draft":
            return g.is_office_admin(department.institution_id) or Role.DRAFTER in g.department_roles(department)
        if action == "oversee":
            return g.is_office_admin(department.institution_id) or Role.SIGNER in g.department_roles(department)
        return g.is_supervisor or department.institution_id in g.institution_ids

    def scope(self, g: Grants, action: str) -> Q:
        if action == "draft":
            return g.office_q() | g.department_q(Role.DRAFTER, "id")
        if action == "oversee":
            return g.office_q() | g.department_q(Role.SIGNER, "id")
        return Q() if g.is_supervisor else g.institution_q()
