"""The login history: every successful sign-in, with how and from where (the office sees it per person)."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from xxgk.accounts.models import LoginEvent, Outcome, Provider
from xxgk.core.spam import client_ip

METHOD_OF_BACKEND = {
    "xxgk.accounts.backends.CASBackend": Provider.CAS,
    "xxgk.accounts.backends.OIDCBackend": Provider.OIDC,
}
SESSION_METHOD = "xxgk_login_method"  # how this session signed in: which provider to log out of
SESSION_IDP = "xxgk_login_idp"  # the institution's own provider it signed in through (IdentityProvider pk)


def login_method(request) -> str:
    return request.session.get(SESSION_METHOD, Provider.LOCAL)


@receiver(user_logged_in, dispatch_uid="xxgk.accounts.login_history")
def record_login(sender, request, user, **kwargs):
    method = METHOD_OF_BACKEND.get(getattr(user, "backend", ""), Provider.LOCAL)
    if request is None:
        return
    request.session[SESSION_METHOD] = method
    idp = getattr(user, "xxgk_idp", None)
    if idp:
        request.session[SESSION_IDP] = idp
    else:
        request.session.pop(SESSION_IDP, None)
    LoginEvent.objects.create(user=user, method=method, address=client_ip(request))


@receiver(user_locked_out, dispatch_uid="xxgk.accounts.lockout_history")
def record_lockout(sender, request, username, ip_address, **kwargs):
    """A lockout (django-axes, xxgk.core.lockout) goes into the person's login history once per lockout,
    so the office sees it and can lift it."""
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is None:
        return
    since = timezone.now() - timedelta(minutes=settings.XXGK_LOGIN_LOCKOUT_MINUTES)
    if LoginEvent.objects.filter(user=user, outcome=Outcome.LOCKED, at__gte=since, address=ip_address).exists():
        return
    LoginEvent.objects.create(user=user, method=Provider.LOCAL, address=ip_address, outcome=Outcome.LOCKED)


def locked_usernames(usernames) -> set[str]:
    """Which of `usernames` are locked out now, from any address (one query)."""
    from axes.models import AccessAttempt
    from django.conf import settings
    from django.utils import timezone

    return set(
        AccessAttempt.objects.filter(
            username__in=list(usernames),
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
            attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
        ).values_list("username", flat=True)
    )


def locked_out(user) -> bool:
    """Whether the person's username is locked out now, from any address."""
    return bool(locked_usernames([user.get_username()]))
