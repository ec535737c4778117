"""Who may see and manage a person (registered with the one policy in xxgk.org.policy).

A person belongs to an institution when they hold a role there or the campus identity placed them there
(the office's queue of people waiting for a role)."""

from __future__ import annotations

from django.db.models import Q

from xxgk.accounts.models import IdentityLink, Person
from xxgk.org.models import Membership
from xxgk.org.policy import NOTHING, Grants, Rule, register


def institutions_of(person) -> set[int]:
    held = Membership.objects.filter(user_id=person.pk, institution__isnull=False).values_list(
        "institution_id", flat=True
    )
    placed = IdentityLink.objects.filter(user_id=person.pk, institution__isnull=False).values_list(
        "institution_id", flat=True
    )
    return set(held) | set(placed)


def _belonging(ids) -> Q:
    held = Membership.objects.filter(institution_id__in=ids).values("user_id")
    placed = IdentityLink.objects.filter(institution_id__in=ids).values("user_id")
    return Q(pk__in=held) | Q(pk__in=placed)


def _belonging_elsewhere(ids) -> Q:
    held = Membership.objects.filter(institution__isnull=False).exclude(institution_id__in=ids).values("user_id")
    placed = IdentityLink.objects.filter(institution__isnull=False).exclude(institution_id__in=ids).values("user_id")
    supervisor = Membership.objects.filter(institution__isnull=True).values("user_id")
    return Q(pk__in=held) | Q(pk__in=placed) | Q(pk__in=supervisor)


@register(Person)
class PersonRule(Rule):
    """- manage: see the person's roles, login history and recent actions, grant and revoke roles of the
      office's institution (办公室管理员 of an institution the person belongs to).
    - deactivate: stop the account signing in at all (办公室管理员 of every institution the person belongs
      to, and only when the person holds no 督查 role).
    The platform administrator (a superuser) is nobody's to manage."""

    actions = frozenset({"manage", "deactivate"})

    def test(self, g: Grants, action: str, person) -> bool:
        if person.is_superuser or not g.office_ids:
            return False
        belongs = institutions_of(person)
        if action == "manage":
            return bool(belongs & g.office_ids)
        supervisor = Membership.objects.filter(user_id=person.pk, institution__isnull=True).exists()
        return bool(belongs) and belongs <= g.office_ids and not supervisor

    def scope(self, g: Grants, action: str) -> Q:
        if not g.office_ids:
            return NOTHING
        q = _belonging(g.office_ids) & Q(is_superuser=False)
        if action == "deactivate":
            q &= ~_belonging_elsewhere(g.office_ids)
        return q
