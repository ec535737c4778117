"""A second factor for the powerful (XXGK_TWO_FACTOR): a local sign-in of the platform administrator, a 督查
or an 办公室管理员 is complete only once a TOTP code (or a one-time recovery code) is given. The first time,
the person sets up an authenticator app and receives ten recovery codes. A sign-in through the campus
identity is left to the provider's own policy. Devices are django-otp's (TOTPDevice, StaticDevice)."""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from xxgk.accounts.history import login_method
from xxgk.accounts.models import Provider
from xxgk.core.audit import audit
from xxgk.org.policy import can

RECOVERY_CODES = 10
OPEN = ("/accounts/2fa/", "/accounts/logout/", "/static/", "/i18n/", "/favicon")


def required(request) -> bool:
    """Whether this signed-in session still owes its second factor."""
    user = request.user
    return bool(
        settings.XXGK_TWO_FACTOR
        and user.is_authenticated
        and not user.is_verified()
        and login_method(request) == Provider.LOCAL
        and can(user, "needs_two_factor")
    )


class TwoFactorMiddleware:
    """Every page but the second-factor pages and logout waits for the code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(OPEN) and required(request):
            return redirect(f"{reverse('accounts:two_factor')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def pending_device(user) -> TOTPDevice:
    """The authenticator being set up (unconfirmed), made on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=_("身份验证器"), confirmed=False)


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@transaction.atomic
def confirm(request, code: str) -> list[str]:
    """The first code from the new authenticator: the device is confirmed, ten recovery codes made (shown once)
    and the session verified. An audit event."""
    user = request.user
    device = TOTPDevice.objects.select_for_update().get(pk=pending_device(user).pk)
    if not device.verify_token(code.strip()):
        raise ValidationError(_("动态口令不正确，请核对手机时间后重新输入。"))
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=_("恢复码"), confirmed=True)
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes])
    audit(user, "two_factor_enrolled", user, f"{user.get_username()} 启用动态口令")
    otp_login(request, device)
    return codes


def verify(request, code: str) -> bool:
    """A code from the authenticator, or an unused recovery code (then used up). Repeated failures are
    throttled by django-otp."""
    user = request.user
    code = code.strip().replace(" ", "")
    for device in [*TOTPDevice.objects.filter(user=user, confirmed=True), *StaticDevice.objects.filter(user=user)]:
        if device.verify_is_allowed()[0] and device.verify_token(code):
            otp_login(request, device)
            return True
    return False
