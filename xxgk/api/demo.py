"""The demo's API token: one department token per institution, as an office would issue for a
department's own system (its key is not kept; the office page shows the token and its use)."""

from __future__ import annotations

from xxgk.api import tokens
from xxgk.api.models import ApiToken, Scope
from xxgk.org.models import Institution
from xxgk.org.policy import can


def load_demo_tokens(users_by_institution: dict) -> None:
    for institution in Institution.objects.order_by("pk"):
        office = users_by_institution.get(institution.slug)
        if (
            office is None
            or ApiToken.objects.filter(institution=institution).exists()
            or not can(office, "manage", institution)
        ):
            continue
        department = institution.departments.filter(is_office=False).order_by("order", "pk").first()
        tokens.issue(office, institution, name="部门业务系统同步（演示）", scopes=[Scope.DRAFTS], department=department)
