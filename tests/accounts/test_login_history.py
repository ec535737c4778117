"""Every sign-in is recorded: time, method and the visitor's address."""

from __future__ import annotations

from django.test import Client

from xxgk.accounts.models import LoginEvent


def test_local_sign_in_is_recorded_with_address(world):
    client = Client(REMOTE_ADDR="198.51.100.7")
    client.post("/accounts/login/", {"username": "office", "password": "pw-office"})
    event = LoginEvent.objects.get(user=world.office)
    assert event.method == "local" and event.address == "198.51.100.7"


def test_a_failed_sign_in_is_not(world):
    Client().post("/accounts/login/", {"username": "office", "password": "wrong"})
    assert not LoginEvent.objects.exists()
