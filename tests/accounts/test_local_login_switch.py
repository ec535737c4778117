"""With XXGK_LOCAL_LOGIN off, local accounts sign in no more, except the platform administrator's;
sessions of local accounts that were signed in end."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def admin(db):
    return get_user_model().objects.create_superuser("root", password="pw-root")


def post(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_local_accounts_on_by_default(client, world):
    assert post(client, "office", "pw-office").status_code == 302


def test_off_for_all_but_the_platform_administrator(client, world, admin, settings):
    settings.XXGK_LOCAL_LOGIN = False
    refused = post(client, "office", "pw-office")
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    assert post(client, "root", "pw-root").status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_local_session_ends_when_turned_off(client, world, settings):
    assert post(client, "office", "pw-office").status_code == 302
    assert client.get("/staff/").status_code == 200
    settings.XXGK_LOCAL_LOGIN = False
    response = client.get("/staff/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
