"""Signed, expiring links that open one case (an application, a letter) without its code and password.

A message to an applicant or a letter writer carries such a link; the query code and password keep
working. The token names the kind of case and its id, signed with SECRET_KEY; it is refused after
`XXGK_CASE_LINK_DAYS` days or when anything in it was changed."""

from __future__ import annotations

from django.conf import settings
from django.core import signing

from xxgk.core.site import configured

SALT = "xxgk.case-link"


def case_token(kind: str, pk: int) -> str:
    return signing.dumps([kind, pk], salt=SALT, compress=True)


def case_from_token(token: str, kind: str) -> int | None:
    """The id the token opens, if it is one of ours, for `kind`, and not expired; otherwise None."""
    try:
        found_kind, pk = signing.loads(token, salt=SALT, max_age=settings.XXGK_CASE_LINK_DAYS * 86400)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if found_kind != kind or not isinstance(pk, int) or isinstance(pk, bool):
        return None
    return pk


def case_from_link(token: str, kind: str, queryset):
    """The object of `queryset` the token opens (None for a bad, expired or foreign token)."""
    pk = case_from_token(token, kind)
    return queryset.filter(pk=pk).first() if pk is not None else None


def absolute(path: str) -> str:
    """`path` on the site's configured address; "" when XXGK_SITE_URL is not set (xxgk.W008)."""
    origin = configured()
    return f"{origin}{path}" if origin else ""
