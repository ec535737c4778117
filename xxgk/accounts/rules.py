"""Who may see and manage a person (registered with the one policy in xxgk.org.policy).

A person belongs to an institution when they hold a role there or the campus identity placed them there
(the office's queue of people waiting for a role)."""

from __future__ import annotations

from django.db.models import Q

from xxgk.accounts.models import IdentityLink, Person
from xxgk.org.models import Membership
from xxgk.org.policy import NOTHING, Grants, Rule, register


def _institutions_of(person) -> set[int]:
    held = set(
        Membership.objects.filter(user_id=person.pk, institution__isnull=False).values_list("institution_id", flat=True)
    )
    placed = set(
        IdentityLink.objects.filter(user_id=person.pk, institution__isnull=False).values_list(
            "institution_id", flat=True
        )
    )
    return held | placed


@register(Person)
class PersonRule(Rule):
    """- manage: see the person's roles and login history, grant and revoke roles, deactivate (办公室管理员
    of an institution the person belongs to). The platform administrator (a superuser) is nobody's to manage."""

    actions = frozenset({"manage"})

    def test(self, g: Grants, action: str, person) -> bool:
        if person.is_superuser or not g.office_ids:
            return False
        return bool(_institutions_of(person) & g.office_ids)

    def scope(self, g: Grants, action: str) -> Q:
        if not g.office_ids:
            return NOTHING
        held = Membership.objects.filter(institution_id__in=g.office_ids).values("user_id")
        placed = IdentityLink.objects.filter(institution_id__in=g.office_ids).values("user_id")
        return (Q(pk__in=held) | Q(pk__in=placed)) & Q(is_superuser=False)
