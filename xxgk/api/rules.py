"""Who may see, issue and revoke API tokens (registered with the one policy in xxgk.org.policy)."""

from __future__ import annotations

from django.db.models import Q

from xxgk.api.models import ApiToken
from xxgk.org.policy import Grants, Rule, register


@register(ApiToken)
class ApiTokenRule(Rule):
    """- manage: see, issue and revoke the institution's tokens (办公室管理员)."""

    actions = frozenset({"manage"})

    def test(self, g: Grants, action: str, token: ApiToken) -> bool:
        return g.is_office_admin(token.institution_id)

    def scope(self, g: Grants, action: str) -> Q:
        return g.office_q()
