"""Who may do what: the one place authorization is decided.

Every rule answers two questions from one definition, as wagtail's permission
policies do:

- `can(user, action, obj)` / `require(...)`: may this person do this to this object?
- `allowed(user, action, Model or queryset)`: which objects may this person do this to?

and `holders(action, obj)` asks the first question the other way round: who may?

A rule is one small class per model (see `Rule`), registered with `register(Model)`
by the app that owns the model, from its `AppConfig.ready()`. Nothing else in the
code base compares roles.

A department role (信息员, 审核人, 保密审查员, 签发人) held for a department acts
on that department's records. A reviewer role held without a department acts
for every department of its institution but never sees drafts. 办公室管理员
acts on everything in its institution. 督查 reads every institution's records
once they have left the drafting desk, and changes nothing.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Model, Prefetch, Q, QuerySet

from xxgk.org.models import Department, Membership, Role

# A Q that selects nothing; filtering by it costs no query.
NOTHING = Q(pk__in=[])


@dataclass
class Grants:
    """The memberships of one user, loaded once per request.

    The per-object questions below each have a Q counterpart (`*_q`) written next to
    them, so that a rule's `test` and `scope` read the same grants the same way.
    """

    user_id: int | None
    memberships: list[Membership]
    is_superuser: bool = False  # the platform administrator: asked only by deployment actions

    @classmethod
    def of(cls, user) -> Grants:
        if not getattr(user, "is_authenticated", False):
            return cls(None, [])
        cached = getattr(user, "_xxgk_grants", None)
        if cached is None:
            cached = cls(
                user.pk,
                list(Membership.objects.filter(user=user).select_related("department", "institution")),
                bool(getattr(user, "is_superuser", False)),
            )
            user._xxgk_grants = cached
        return cached

    @cached_property
    def is_supervisor(self) -> bool:
        return any(m.role == Role.SUPERVISOR for m in self.memberships)

    @cached_property
    def office_ids(self) -> frozenset[int]:
        """The institutions this user is 办公室管理员 of."""
        return frozenset(m.institution_id for m in self.memberships if m.role == Role.OFFICE_ADMIN and m.institution_id)

    def is_office_admin(self, institution_id: int | None) -> bool:
        return institution_id in self.office_ids

    def office_q(self, field: str = "institution_id") -> Q:
        """Objects whose `field` names an institution this user is 办公室管理员 of."""
        return Q(**{f"{field}__in": self.office_ids}) if self.office_ids else NOTHING

    @cached_property
    def institution_ids(self) -> frozenset[int]:
        return frozenset(m.institution_id for m in self.memberships if m.institution_id)

    def institution_q(self, field: str = "institution_id") -> Q:
        """Objects of an institution the user holds any role in."""
        return Q(**{f"{field}__in": self.institution_ids}) if self.institution_ids else NOTHING

    def department_roles(self, department: Department | None) -> set[str]:
        """Roles held for this department itself."""
        if department is None:
            return set()
        return {m.role for m in self.memberships if m.department_id == department.id}

    def department_ids(self, role: str | None = None) -> frozenset[int]:
        """The departments this user holds `role` (any role: None) for, counterpart of `department_roles`."""
        return frozenset(m.department_id for m in self.memberships if m.department_id and role in (None, m.role))

    def department_q(self, role: str | None = None, field: str = "department_id") -> Q:
        """Objects whose department (`field`) the user holds `role` (any role: None) for."""
        ids = self.department_ids(role)
        return Q(**{f"{field}__in": ids}) if ids else NOTHING

    def institution_wide_roles(self, institution_id: int) -> set[str]:
        """Reviewer roles held for every department of the institution."""
        return {m.role for m in self._institution_wide if m.institution_id == institution_id}

    def institution_wide_ids(self, role: str) -> frozenset[int]:
        """The institutions this user holds reviewer `role` for as a whole, counterpart of `institution_wide_roles`."""
        return frozenset(m.institution_id for m in self._institution_wide if m.role == role)

    def institution_wide_q(self, role: str, field: str = "institution_id") -> Q:
        """Objects of an institution this user holds reviewer `role` for as a whole."""
        ids = self.institution_wide_ids(role)
        return Q(**{f"{field}__in": ids}) if ids else NOTHING

    @cached_property
    def _institution_wide(self) -> list[Membership]:
        return [
            m for m in self.memberships if m.institution_id and m.department_id is None and m.role != Role.OFFICE_ADMIN
        ]

    def roles_for(self, department: Department | None) -> set[str]:
        """Roles that act on this department: its own, and reviewer roles held for its whole institution."""
        if department is None:
            return set()
        return self.department_roles(department) | self.institution_wide_roles(department.institution_id)

    def role_q(self, role_field: str | None = None, *, roles=None, department: str = "department") -> Q:
        """Counterpart of a test on `g.roles_for(obj.department)` (the department reached through `department`):
        with `roles`, `bool(roles & g.roles_for(...))`; with `role_field`, `obj.<role_field> in g.roles_for(...)`
        (a review step's role); with neither, `bool(g.roles_for(...))`."""
        q = NOTHING
        for m in self.memberships:
            if roles is not None and m.role not in roles:
                continue
            if m.department_id:
                where = Q(**{f"{department}_id": m.department_id})
            elif m in self._institution_wide:
                where = Q(**{f"{department}__institution_id": m.institution_id})
            else:
                continue
            q |= where & Q(**{role_field: m.role}) if role_field else where
        return q


class Rule(ABC):
    """Who may do what to one model. Subclass, declare `actions`, write `test` and `scope` side by side,
    and decorate with `@register(Model)`.

    `test(g, action, obj)` answers for one object; `scope(g, action)` returns the Q selecting exactly
    the objects for which `test` is true (tests/org/test_policy_agreement.py holds every rule to that).
    Both are only called with a declared action and grants that hold at least one role."""

    actions: frozenset[str] = frozenset()

    @abstractmethod
    def test(self, g: Grants, action: str, obj) -> bool: ...

    @abstractmethod
    def scope(self, g: Grants, action: str) -> Q: ...


_RULES: dict[type[Model], Rule] = {}


def register(model: type[Model]) -> Callable[[type[Rule]], type[Rule]]:
    """Class decorator: `@register(Application) class ApplicationRule(Rule): ...`."""

    def decorate(cls: type[Rule]) -> type[Rule]:
        if not cls.actions:
            raise ImproperlyConfigured(f"{cls.__name__} declares no actions")
        _RULES[model] = cls()
        return cls

    return decorate


def rules() -> dict[type[Model], Rule]:
    """Every registered model with its rule."""
    return dict(_RULES)


def _rule_for(model: type) -> Rule | None:
    for cls in model.__mro__:
        if cls in _RULES:
            return _RULES[cls]
    return None


# Actions on the deployment itself: there is no object, so nothing to list.
DEPLOYMENT_ACTIONS: dict[str, Callable[[Grants], bool]] = {
    "workbench": lambda g: bool(g.memberships),  # the staff side at all
    "supervise": lambda g: g.is_supervisor,  # the summary across every institution
    # the official working-day calendar (overrides, a year's arrangement) is deployment-wide: only the platform
    # administrator and the supervising authority edit it; a school's office edits its own closures ("manage")
    "edit_calendar": lambda g: g.is_superuser or g.is_supervisor,
    # the province's yearly round of annual reports (every institution's report, reminders, reports of
    # institutions not on the platform): the supervising authority and the platform administrator
    "review_round": lambda g: g.is_superuser or g.is_supervisor,
    # the 督查 role reads every institution: only the platform administrator grants or revokes it
    "grant_supervisor": lambda g: g.is_superuser,
    # not something one may do but a question of the same kind: whose local sign-in needs a second factor
    # (XXGK_TWO_FACTOR, xxgk/accounts/two_factor.py): the platform administrator, 督查, 办公室管理员
    "needs_two_factor": lambda g: g.is_superuser or g.is_supervisor or bool(g.office_ids),
}


def can(user, action: str, obj=None) -> bool:
    """May `user` do `action` to `obj`? Each model's actions are declared on its rule
    (e.g. xxgk.publishing.rules.RecordRule); without an object, the DEPLOYMENT_ACTIONS."""
    g = Grants.of(user)
    if obj is None:
        test = DEPLOYMENT_ACTIONS.get(action)
        return bool(g.user_id and test and test(g))
    if not g.memberships:
        return False
    rule = _rule_for(type(obj))
    return rule is not None and action in rule.actions and rule.test(g, action, obj)


def require(user, action: str, obj=None) -> None:
    if not can(user, action, obj):
        raise PermissionDenied(f"{action} not allowed")


def allowed(user, action: str, objects: type[Model] | QuerySet) -> QuerySet:
    """The objects (of a model, or within a queryset) that `user` may do `action` to:
    exactly those for which `can(user, action, obj)` is true."""
    qs = objects._default_manager.all() if isinstance(objects, type) else objects
    rule = _rule_for(qs.model)
    if rule is None:
        raise ImproperlyConfigured(f"no policy rule for {qs.model.__name__}")
    g = Grants.of(user)
    if not g.memberships or action not in rule.actions:
        return qs.none()
    return qs.filter(rule.scope(g, action))


def holders(action: str, obj, *, institution_id: int | None = None) -> list:
    """The users who may do `action` to `obj` (e.g. e-mail recipients: holders("manage", institution)),
    decided by the same rule as `can`. Two queries, whatever the number of people. With
    `institution_id`, only people holding a role in that institution are asked (not the 督查)."""
    members = Prefetch("memberships", queryset=Membership.objects.select_related("department", "institution"))
    users = get_user_model().objects.filter(memberships__isnull=False)
    if institution_id is not None:
        users = users.filter(memberships__institution_id=institution_id)
    users = users.distinct().prefetch_related(members)
    found = []
    for user in users.order_by("pk"):
        user._xxgk_grants = Grants(user.pk, list(user.memberships.all()), user.is_superuser)
        if can(user, action, obj):
            found.append(user)
    return found
