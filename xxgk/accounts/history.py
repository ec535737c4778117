"""The login history: every successful sign-in, with how and from where (the office sees it per person)."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from xxgk.accounts.models import LoginEvent, Provider
from xxgk.core.spam import client_ip

METHOD_OF_BACKEND = {
    "xxgk.accounts.backends.CASBackend": Provider.CAS,
    "xxgk.accounts.backends.OIDCBackend": Provider.OIDC,
}
SESSION_METHOD = "xxgk_login_method"  # how this session signed in: which provider to log out of


def login_method(request) -> str:
    return request.session.get(SESSION_METHOD, Provider.LOCAL)


@receiver(user_logged_in, dispatch_uid="xxgk.accounts.login_history")
def record_login(sender, request, user, **kwargs):
    method = METHOD_OF_BACKEND.get(getattr(user, "backend", ""), Provider.LOCAL)
    if request is None:
        return
    request.session[SESSION_METHOD] = method
    LoginEvent.objects.create(user=user, method=method, address=client_ip(request))
