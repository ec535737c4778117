"""Staff and admin logins lock after too many failures per username and address (django-axes).

The lockout is checked before the password is hashed, the right password does not open a locked
account, another address or another username is unaffected, and behind a trusted proxy the real
visitor is the one locked out.
"""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from django.utils import timezone

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture
def staff(db, settings):
    settings.AXES_FAILURE_LIMIT = 5
    user = get_user_model().objects.create_user("clerk", password="pw-clerk", is_staff=True, is_superuser=True)
    return user


def attempt(client, path, password, username="clerk", **extra):
    return client.post(path, {"username": username, "password": password}, **extra)


@pytest.mark.parametrize("path", [LOGIN, ADMIN_LOGIN])
def test_five_wrong_passwords_lock_out_even_the_right_one(staff, path):
    client = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(4):
        assert attempt(client, path, "wrong").status_code == 200
    locked = attempt(client, path, "wrong")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "登录已暂时锁定" in page and "5 次" in page and "30 分钟" in page
    assert attempt(client, path, "pw-clerk").status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_locked_attempt_hashes_no_password(staff, monkeypatch):
    client = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(5):
        attempt(client, LOGIN, "wrong")
    hashed = []
    original = MD5PasswordHasher.verify
    monkeypatch.setattr(MD5PasswordHasher, "verify", lambda self, *a: hashed.append(1) or original(self, *a))
    assert attempt(client, LOGIN, "pw-clerk").status_code == 429
    assert hashed == []


def test_another_address_and_another_username_are_not_locked(staff):
    get_user_model().objects.create_user("office", password="pw-office")
    attacker = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(5):
        attempt(attacker, LOGIN, "wrong")
    assert attempt(attacker, LOGIN, "pw-office", username="office").status_code == 302
    colleague = Client(REMOTE_ADDR="198.51.100.2")
    assert attempt(colleague, LOGIN, "pw-clerk").status_code == 302


def test_behind_the_proxy_the_visitor_is_locked_not_the_proxy(staff, settings):
    settings.XXGK_TRUSTED_PROXIES = ["127.0.0.1"]
    attacker = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    for _ in range(5):
        attempt(attacker, LOGIN, "wrong")
    assert attempt(attacker, LOGIN, "pw-clerk").status_code == 429
    # a forged prefix does not make the attacker someone else
    assert attempt(attacker, LOGIN, "pw-clerk", HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.1").status_code == 429
    colleague = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert attempt(colleague, LOGIN, "pw-clerk").status_code == 302


def test_the_lock_lifts_after_the_cool_off(staff):
    from axes.models import AccessAttempt

    client = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(5):
        attempt(client, LOGIN, "wrong")
    assert attempt(client, LOGIN, "pw-clerk").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert attempt(client, LOGIN, "pw-clerk").status_code == 302


def test_a_success_resets_the_count(staff):
    client = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(4):
        attempt(client, LOGIN, "wrong")
    assert attempt(client, LOGIN, "pw-clerk").status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, LOGIN, "wrong").status_code == 200
    assert attempt(client, LOGIN, "pw-clerk").status_code == 302


def test_a_login_without_an_address_is_recorded_without_one(staff):
    """A request with no REMOTE_ADDR (a unix socket, force_login) logs in; the attempt has no address."""
    from axes.models import AccessLog

    client = Client(REMOTE_ADDR="")
    assert attempt(client, LOGIN, "pw-clerk").status_code == 302
    assert AccessLog.objects.get().ip_address is None
    Client().force_login(staff)  # Django's test login sends a request with no address at all
    assert list(AccessLog.objects.values_list("ip_address", flat=True)) == [None, None]
