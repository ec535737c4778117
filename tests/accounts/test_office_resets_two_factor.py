"""The office resets a person's authenticator and recovery codes (a lost phone): an audit event; the person's
open session loses its second factor and the next sign-in sets up a new authenticator. Only an office that
runs everything the person belongs to may, and never for a 督查."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.test_two_factor_for_the_powerful import _on, enroll, sign_in  # noqa: F401  (autouse fixture)
from xxgk.core.models import AuditEvent
from xxgk.org.models import Role
from xxgk.org.services import grant


@pytest.fixture
def deputy(world):
    """A second 办公室管理员 of 海滨理工, with an authenticator set up and a verified session."""
    world.person("deputy", Role.OFFICE_ADMIN, institution=world.institution)
    session = sign_in("deputy")
    enroll(session)
    assert session.get("/staff/").status_code == 200
    return session


def office_client(world, who="office"):
    client = Client()
    client.force_login(world.people[who], backend="xxgk.accounts.backends.CASBackend")  # no code asked
    return client


def test_the_office_resets_and_the_person_sets_up_again(world, deputy):
    url = reverse("accounts_staff:reset_two_factor", args=[world.deputy.pk])
    page = office_client(world).get(reverse("accounts_staff:person", args=[world.deputy.pk])).content.decode()
    assert 'id="reset-two-factor"' in page
    assert office_client(world).post(url).status_code == 302
    assert not TOTPDevice.objects.filter(user=world.deputy).exists()
    assert not StaticDevice.objects.filter(user=world.deputy).exists()
    event = AuditEvent.objects.get(action="two_factor_reset")
    assert (
        event.actor == world.office and event.institution == world.institution and event.data["user"] == world.deputy.pk
    )
    # the open session is no longer verified: it is sent to set up a new authenticator
    assert deputy.get("/staff/")["Location"].startswith("/accounts/2fa/")
    assert 'id="totp-secret"' in deputy.get("/accounts/2fa/").content.decode()
    again = sign_in("deputy")
    assert 'id="totp-secret"' in again.get("/accounts/2fa/").content.decode()


def test_the_office_of_another_institution_and_others_cannot(world, deputy):
    url = reverse("accounts_staff:reset_two_factor", args=[world.deputy.pk])
    assert office_client(world, "other_office").post(url).status_code == 404
    assert office_client(world, "other_office").post(url + "?i=hblg").status_code == 403
    for who in ("signer", "checker_a", "supervisor"):
        client = Client()
        client.force_login(world.people[who], backend="xxgk.accounts.backends.CASBackend")
        assert client.post(url).status_code == 403, who
    assert TOTPDevice.objects.filter(user=world.deputy, confirmed=True).exists()
    assert not AuditEvent.objects.filter(action="two_factor_reset").exists()


def test_not_for_a_supervisor_even_one_working_at_the_school(world):
    grant(world.supervisor, Role.CHECKER, department=world.dept_a)
    enroll(sign_in("supervisor"))
    client = office_client(world)
    assert (
        "reset-two-factor"
        not in client.get(reverse("accounts_staff:person", args=[world.supervisor.pk])).content.decode()
    )
    assert client.post(reverse("accounts_staff:reset_two_factor", args=[world.supervisor.pk])).status_code == 403
    assert TOTPDevice.objects.filter(user=world.supervisor, confirmed=True).exists()
