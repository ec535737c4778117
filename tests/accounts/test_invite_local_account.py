"""The office invites someone who does not use the campus identity: a local account with the role, an
e-mail with a link that sets the password once; the invited person then signs in with it. Not when local
accounts are turned off; not for an address that already has an account; not by anyone but the office."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from xxgk.accounts.models import Invitation
from xxgk.core.models import AuditEvent
from xxgk.org.models import Membership, Role, Source

FORM = {"name": "陈老师", "email": "Chen@hblg.edu.cn", "role": "drafter", "department": None}


@pytest.fixture
def office(client, world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(world.office)
    return client


def invite(client, world, **changes):
    data = {**FORM, "department": world.dept_a.pk, **changes}
    return client.post(reverse("accounts_staff:invite"), data)


def test_invited_person_sets_a_password_once_and_signs_in(office, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert invite(office, world).status_code == 302
    invitation = Invitation.objects.get()
    user = invitation.user
    assert user.username == "chen@hblg.edu.cn" and not user.has_usable_password()
    assert set(Membership.objects.filter(user=user).values_list("role", "department", "source")) == {
        (Role.DRAFTER, world.dept_a.pk, Source.MANUAL)
    }
    assert {"person_invited", "role_granted"} <= set(AuditEvent.objects.values_list("action", flat=True))
    [message] = mail.outbox
    assert message.to == ["chen@hblg.edu.cn"] and "设置" in message.subject
    link = re.search(r"http://testserver(/accounts/set-password/\S+/)", message.body).group(1)

    visitor = Client()
    form_page = visitor.get(link, follow=True)
    assert "new_password1" in form_page.content.decode()
    done = visitor.post(
        form_page.redirect_chain[-1][0], {"new_password1": "Xq9-tide-lamp", "new_password2": "Xq9-tide-lamp"}
    )
    assert done.status_code == 302
    assert Invitation.objects.get().accepted_at is not None
    assert "已使用过或已过期" in Client().get(link, follow=True).content.decode()  # once only
    signed_in = Client().post("/accounts/login/", {"username": "chen@hblg.edu.cn", "password": "Xq9-tide-lamp"})
    assert signed_in.status_code == 302 and signed_in["Location"] == reverse("workbench:todo")


def test_an_address_that_has_an_account_is_refused(office, world):
    world.office.email = "chen@hblg.edu.cn"
    world.office.save()
    page = invite(office, world)
    assert page.status_code == 200 and "该邮箱已有账号" in page.content.decode()
    assert not Invitation.objects.exists()


def test_not_when_local_accounts_are_off(world, settings):
    from django.core.exceptions import ValidationError

    from xxgk.accounts.services import invite as invite_service

    settings.XXGK_LOCAL_LOGIN = False
    with pytest.raises(ValidationError, match="关闭本地账号"):
        invite_service(
            world.office,
            world.institution,
            email="chen@hblg.edu.cn",
            name="陈",
            role="drafter",
            department=world.dept_a,
            origin="https://xxgk.hblg.edu.cn",
        )
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("who", ["signer", "checker_a", "other_office", "supervisor"])
def test_only_the_office_invites(client, world, who):
    client.force_login(world.people[who])
    response = client.post(reverse("accounts_staff:invite") + "?i=hblg", {**FORM, "department": world.dept_a.pk})
    assert response.status_code == 403 and not Invitation.objects.exists()
