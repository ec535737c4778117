"""The staff login lockout (django-axes): who counts as one visitor, and the page a locked-out person sees.

Failed logins are counted per username and visitor address (`xxgk.core.spam.client_ip`, so behind a
trusted proxy the real visitor) in the database, the same for every app process. After
XXGK_LOGIN_FAILURES failures (default 5) that username cannot log in from that address for
XXGK_LOGIN_LOCKOUT_MINUTES (default 30), whatever the password: the lockout is checked before
the password is hashed. It covers /accounts/login/ and /admin/login/ alike, since both go through
`authenticate()`. An administrator lifts a lockout with `xxgk axes_reset_username NAME` or in the admin.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render


def locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a Chinese page with status 429."""
    response = render(
        request,
        "registration/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": settings.XXGK_LOGIN_LOCKOUT_MINUTES},
        status=429,
    )
    response["Retry-After"] = str(settings.XXGK_LOGIN_LOCKOUT_MINUTES * 60)
    return response
