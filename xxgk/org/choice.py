"""Which institution a staff page is about, for people who act for more than one."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from xxgk.org.models import Institution
from xxgk.org.policy import allowed


def chosen_institution(request, action: str, *, prefer: str | None = None) -> Institution:
    """The institution named by ?i=SLUG among those the user may `action`, else the first of them by name
    (the first they may `prefer`, when given and there is one).

    403 when the user may `action` no institution at all, or not the one named; 404 for a slug that names none.
    """
    choices = allowed(request.user, action, Institution).order_by("name")
    default = choices.first()
    if default is None:
        raise PermissionDenied(f"{action}: no institution")
    slug = request.GET.get("i")
    if slug:
        chosen = get_object_or_404(Institution, slug=slug)
        if not choices.filter(pk=chosen.pk).exists():
            raise PermissionDenied(f"{action}: {slug}")
        return chosen
    if prefer:
        return allowed(request.user, prefer, Institution).order_by("name").first() or default
    return default
