"""A login lockout (django-axes, after XXGK_LOGIN_FAILURES wrong passwords) shows a clear Chinese page, is
written once into the person's login history, which the office sees, and the office lifts it (an audit
event); the office of another institution cannot."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from xxgk.accounts.models import LoginEvent, Outcome
from xxgk.core.models import AuditEvent


@pytest.fixture
def locked(world, settings):
    settings.AXES_FAILURE_LIMIT = 3
    attacker = Client(REMOTE_ADDR="198.51.100.7")
    statuses = [
        attacker.post("/accounts/login/", {"username": "drafter_a", "password": "wrong"}).status_code for _ in range(5)
    ]
    assert statuses == [200, 200, 429, 429, 429]
    return attacker


def test_the_lockout_page_says_what_happened(world, locked):
    page = locked.post("/accounts/login/", {"username": "drafter_a", "password": "pw-drafter_a"}).content.decode()
    assert "登录已暂时锁定" in page and "学校办公室" in page


def test_recorded_once_and_seen_by_the_office(world, locked, client):
    events = LoginEvent.objects.filter(user=world.drafter_a, outcome=Outcome.LOCKED)
    assert [(e.address, e.method) for e in events] == [("198.51.100.7", "local")]
    client.force_login(world.office)
    page = client.get(reverse("accounts_staff:person", args=[world.drafter_a.pk])).content.decode()
    assert "登录已被暂时锁定" in page and "密码多次错误，已锁定" in page and 'id="unlock"' in page


def test_the_office_lifts_it(world, locked, client):
    client.force_login(world.office)
    assert client.post(reverse("accounts_staff:unlock", args=[world.drafter_a.pk])).status_code == 302
    assert not AccessAttempt.objects.filter(username="drafter_a").exists()
    assert LoginEvent.objects.filter(user=world.drafter_a, outcome=Outcome.UNLOCKED).count() == 1
    event = AuditEvent.objects.get(action="login_unlocked")
    assert event.actor == world.office and event.institution == world.institution
    response = locked.post("/accounts/login/", {"username": "drafter_a", "password": "pw-drafter_a"})
    assert response.status_code == 302  # signs in again from the same address
    page = client.get(reverse("accounts_staff:person", args=[world.drafter_a.pk])).content.decode()
    assert 'id="unlock"' not in page


def test_the_office_of_another_institution_cannot(world, locked, client):
    client.force_login(world.other_office)
    url = reverse("accounts_staff:unlock", args=[world.drafter_a.pk])
    assert client.post(url).status_code == 404
    assert client.post(url + "?i=hblg").status_code == 403
    assert AccessAttempt.objects.filter(username="drafter_a").exists()
    assert not AuditEvent.objects.filter(action="login_unlocked").exists()


def test_a_lockout_is_not_a_sign_in_on_the_people_list(world, locked, client):
    """最近登录 counts sign-ins only: drafter_a was locked out and never signed in; the status says locked."""
    client.force_login(world.office)
    page = client.get(reverse("accounts_staff:people")).content.decode()
    row = page[page.index(">drafter_a<") :]
    row = row[: row.index("</tr>")]
    assert "—" in row and "20" not in row.split("</td>")[-3]
    assert "已被暂时锁定" in row
    page = client.get(reverse("accounts_staff:person", args=[world.drafter_a.pk])).content.decode()
    assert "账号正常，但登录已被暂时锁定。" in page
