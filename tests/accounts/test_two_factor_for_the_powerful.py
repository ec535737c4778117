"""With XXGK_TWO_FACTOR, a local sign-in of an office administrator, a 督查 or the platform administrator
asks for a TOTP code: the first time the authenticator is set up and ten recovery codes are shown; later the
code, or a recovery code once. Other people, and sign-ins through the campus identity, are not asked."""

from __future__ import annotations

import re
from base64 import b32decode

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from xxgk.core.models import AuditEvent


@pytest.fixture(autouse=True)
def _on(settings):
    settings.XXGK_TWO_FACTOR = True
    # django-otp throttles a device for 2^n seconds after n failures; the tests do not wait on a clock
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def sign_in(username, password=None):
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": password or "pw-" + username})
    assert response.status_code == 302
    return client


def code_for(secret: str, *, later: int = 0) -> str:
    totp = TOTP(b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8)))
    totp.time += later
    return f"{totp.token():06d}"


def enroll(client) -> tuple[str, list[str]]:
    page = client.get("/accounts/2fa/").content.decode()
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1)
    assert client.get("/accounts/2fa/qr.svg")["Content-Type"] == "image/svg+xml"
    done = client.post("/accounts/2fa/", {"code": code_for(secret), "next": "/staff/"}).content.decode()
    codes = re.findall(r"<li><code>([0-9a-f]+)</code></li>", done)
    return secret, codes


def test_office_sets_up_the_authenticator_then_enters_codes(world):
    client = sign_in("office")
    response = client.get("/staff/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/?next=")
    assert client.post("/accounts/2fa/", {"code": "000000"}).status_code == 200  # a wrong first code
    assert not TOTPDevice.objects.filter(user=world.office, confirmed=True).exists()
    secret, codes = enroll(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/staff/").status_code == 200
    assert AuditEvent.objects.filter(action="two_factor_enrolled", actor=world.office).exists()

    again = sign_in("office")
    assert again.get("/staff/").status_code == 302
    wrong = again.post("/accounts/2fa/", {"code": "123456"}).content.decode()
    assert "不正确" in wrong and "totp-secret" not in wrong  # asked for the code, not to set up again
    assert again.get("/staff/").status_code == 302
    assert again.post("/accounts/2fa/", {"code": code_for(secret, later=30), "next": "/staff/"}).status_code == 302
    assert again.get("/staff/").status_code == 200


def test_a_recovery_code_works_once(world):
    _secret, codes = enroll(sign_in("office"))
    first = sign_in("office")
    assert first.post("/accounts/2fa/", {"code": codes[0]}).status_code == 302
    assert first.get("/staff/").status_code == 200
    second = sign_in("office")
    assert second.post("/accounts/2fa/", {"code": codes[0]}).status_code == 200
    assert second.get("/staff/").status_code == 302


@pytest.mark.parametrize("who", ["supervisor", "root"])
def test_supervisor_and_platform_administrator_are_asked(world, who):
    if who == "root":
        get_user_model().objects.create_superuser("root", password="pw-root")
    client = sign_in(who)
    for page in ("/staff/", "/admin/", "/"):
        assert client.get(page)["Location"].startswith("/accounts/2fa/")


@pytest.mark.parametrize("who", ["drafter_a", "signer", "checker_a"])
def test_others_are_not_asked(world, who):
    assert sign_in(who).get("/staff/").status_code == 200


def test_campus_identity_sign_ins_are_not_asked(world, client):
    client.force_login(world.office, backend="xxgk.accounts.backends.CASBackend")
    assert client.get("/staff/").status_code == 200


def test_off_by_setting(world, settings):
    settings.XXGK_TWO_FACTOR = False
    assert sign_in("office").get("/staff/").status_code == 200
