"""Who may do what: the one place authorization is decided.

Views, services, the API and the CLI all ask `can(user, action, obj)` or
`require(...)`; nothing else in the code base compares roles.

A department role (信息员, 审核人, 保密审查员, 签发人) held for a department acts
on that department's records. A reviewer role held without a department acts
for every department of its institution but never sees drafts. 办公室管理员
acts on everything in its institution. 督查 reads every institution's records
once they have left the drafting desk, and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import PermissionDenied

from xxgk.org.models import Department, Institution, Membership, Role

DRAFTING_STATES = {"draft", "returned"}
RuleFn = Callable[["Grants", str, object], bool]


@dataclass
class Grants:
    """The memberships of one user, loaded once per request."""

    memberships: list[Membership]

    @classmethod
    def of(cls, user) -> Grants:
        if not getattr(user, "is_authenticated", False):
            return cls([])
        cached = getattr(user, "_xxgk_grants", None)
        if cached is None:
            cached = cls(list(Membership.objects.filter(user=user).select_related("department", "institution")))
            user._xxgk_grants = cached
        return cached

    @cached_property
    def is_supervisor(self) -> bool:
        return any(m.role == Role.SUPERVISOR for m in self.memberships)

    def is_office_admin(self, institution_id: int) -> bool:
        return any(m.role == Role.OFFICE_ADMIN and m.institution_id == institution_id for m in self.memberships)

    def department_roles(self, department: Department) -> set[str]:
        """Roles held for this department itself."""
        return {m.role for m in self.memberships if m.department_id == department.id}

    def institution_wide_roles(self, institution_id: int) -> set[str]:
        """Reviewer roles held for every department of the institution."""
        return {
            m.role
            for m in self.memberships
            if m.institution_id == institution_id and m.department_id is None and m.role != Role.OFFICE_ADMIN
        }

    def roles_for(self, department: Department) -> set[str]:
        return self.department_roles(department) | self.institution_wide_roles(department.institution_id)

    @cached_property
    def institution_ids(self) -> set[int]:
        return {m.institution_id for m in self.memberships if m.institution_id}

    @cached_property
    def drafting_departments(self) -> list[Department]:
        return [m.department for m in self.memberships if m.role == Role.DRAFTER and m.department_id]

    @property
    def is_staff_member(self) -> bool:
        return bool(self.memberships)


def _record_rules(g: Grants, action: str, record) -> bool:
    dept = record.department
    inst = record.institution_id
    admin = g.is_office_admin(inst)
    dept_roles = g.department_roles(dept)
    all_roles = g.roles_for(dept)
    state = record.state
    if action == "view":
        if admin or dept_roles:
            return True
        if state in DRAFTING_STATES:
            return False
        return bool(all_roles) or g.is_supervisor
    if action in {"edit", "submit", "attach"}:
        return state in DRAFTING_STATES and (admin or Role.DRAFTER in dept_roles)
    if action in {"approve", "return"}:
        return state == "in_review" and record.step is not None and record.step.role in all_roles
    if action == "publish":
        return state == "approved" and (admin or Role.SIGNER in all_roles)
    if action == "correct":
        return state == "published" and (admin or bool({Role.DRAFTER, Role.SIGNER} & all_roles))
    if action == "withdraw":
        return state == "published" and (admin or Role.SIGNER in all_roles)
    secrecy_step = state == "in_review" and record.step is not None and record.step.is_secrecy_review
    if action == "mask":
        return (state in DRAFTING_STATES and (admin or Role.DRAFTER in dept_roles)) or (
            secrecy_step and (admin or record.step.role in all_roles)
        )
    if action == "override":
        return secrecy_step and (admin or record.step.role in all_roles)
    if action == "post":
        return state in {"approved", "published"} and (admin or Role.DRAFTER in dept_roles or Role.SIGNER in all_roles)
    return False


# Domain apps register the rules for their own models here (see `register`), so
# that every check still goes through `can`/`require`.
_RULES: dict[type, RuleFn] = {}


def register(model: type):
    """Decorator: `@register(Application)` on a function (grants, action, obj) -> bool."""

    def decorate(fn):
        _RULES[model] = fn
        return fn

    return decorate


def can(user, action: str, obj=None) -> bool:
    """May `user` do `action` to `obj`? Actions on records: view, edit, submit, attach,
    approve, return, publish, correct, withdraw, post. On departments: draft.
    On institutions: manage (the office's settings, catalog, channels), view_staff."""
    g = Grants.of(user)
    if not g.memberships:
        return False
    from xxgk.publishing.models import Record

    if isinstance(obj, Record):
        return _record_rules(g, action, obj)
    for model, rule in _RULES.items():
        if isinstance(obj, model):
            return rule(g, action, obj)
    if isinstance(obj, Department):
        if action == "draft":
            return g.is_office_admin(obj.institution_id) or Role.DRAFTER in g.department_roles(obj)
        if action == "view":
            return g.is_supervisor or obj.institution_id in g.institution_ids
        return False
    if isinstance(obj, Institution):
        if action == "manage":
            return g.is_office_admin(obj.id)
        if action == "view_staff":
            return g.is_supervisor or obj.id in g.institution_ids
        return False
    if obj is None and action == "workbench":
        return True
    return False


def require(user, action: str, obj=None) -> None:
    if not can(user, action, obj):
        raise PermissionDenied(f"{action} not allowed")


def staff_institutions(user):
    """The institutions whose staff pages the user may open."""
    g = Grants.of(user)
    qs = Institution.objects.all()
    if g.is_supervisor:
        return qs
    return qs.filter(id__in=g.institution_ids)


def visible_records_filter(user):
    """A Q that selects exactly the records `can(user, "view", record)` allows."""
    from django.db.models import Q

    g = Grants.of(user)
    q = Q(pk__in=[])
    for m in g.memberships:
        if m.role == Role.SUPERVISOR:
            q |= ~Q(state__in=DRAFTING_STATES)
        elif m.role == Role.OFFICE_ADMIN:
            q |= Q(institution_id=m.institution_id)
        elif m.department_id:
            q |= Q(department_id=m.department_id)
        else:
            q |= Q(institution_id=m.institution_id) & ~Q(state__in=DRAFTING_STATES)
    return q
