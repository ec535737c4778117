"""The 403 page: why, and whom to ask (the office administrators of the person's institutions)."""

from __future__ import annotations

from django.shortcuts import render

from xxgk.org.models import Institution
from xxgk.org.policy import allowed, holders


def helpers_for(user) -> list[dict]:
    """For each institution the person works in: its name, contact and the people who run its settings."""
    if not (user and user.is_authenticated):
        return []
    rows = []
    for institution in allowed(user, "view_staff", Institution).order_by("name")[:5]:
        office = holders("manage", institution)
        rows.append(
            {
                "institution": institution,
                "people": [u.get_full_name() or u.first_name or u.username for u in office if u.pk != user.pk][:5],
            }
        )
    return rows


def permission_denied(request, exception=None):
    user = getattr(request, "user", None)
    return render(request, "403.html", {"helpers": helpers_for(user)}, status=403)
