"""Institutions' own identity providers are data the platform administrator edits in the admin; an office
cannot. No secret is stored: the OIDC client secret is named by an environment variable, and the provider
rows never leave the deployment in an export."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from xxgk.accounts.models import IdentityProvider
from xxgk.transfer.plan import EXCLUDED

ADD = "/admin/accounts/identityprovider/add/"


def form(world, **extra):
    return {
        "institution": world.institution.pk,
        "kind": "oidc",
        "label": "",
        "server_url": "https://sso.hblg.edu.cn/.well-known/openid-configuration",
        "cas_version": "3",
        "client_id": "xxgk",
        "secret_variable": "HBLG_OIDC_SECRET",
        "enabled": "on",
        **extra,
    }


def test_the_platform_administrator_connects_a_school(client, world):
    client.force_login(get_user_model().objects.create_superuser("root", password="pw-root"))
    refused = client.post(ADD, form(world, secret_variable="s3cr3t-value"))
    assert refused.status_code == 200 and "环境变量名只含大写字母" in refused.content.decode()
    assert client.post(ADD, form(world)).status_code == 302
    idp = IdentityProvider.objects.get()
    assert (idp.institution, idp.kind, idp.secret_variable) == (world.institution, "oidc", "HBLG_OIDC_SECRET")
    assert {f.name for f in IdentityProvider._meta.fields}.isdisjoint({"secret", "client_secret"})


def test_the_list_says_whether_the_secret_is_in_the_environment(client, world, monkeypatch):
    IdentityProvider.objects.create(**{**form(world), "institution": world.institution, "enabled": True})
    client.force_login(get_user_model().objects.create_superuser("root", password="pw-root"))
    listing = "/admin/accounts/identityprovider/"
    assert client.get(listing).content.decode().count('alt="False"') == 1  # enabled, but no secret
    monkeypatch.setenv("HBLG_OIDC_SECRET", "from-the-environment")
    page = client.get(listing).content.decode()
    assert 'alt="False"' not in page and "from-the-environment" not in page


def test_an_office_cannot(client, world):
    client.force_login(world.office)
    assert client.get(ADD).status_code == 302  # to the admin's login
    assert client.post(ADD, form(world)).status_code == 302
    assert not IdentityProvider.objects.exists()


def test_never_exported():
    assert "accounts.IdentityProvider" in EXCLUDED
