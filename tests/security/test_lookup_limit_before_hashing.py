"""Lookups with a password (the FOI status page, the mailbox letter) are limited per visitor, and the
limit is asked before any password is hashed: a visitor over it costs the server no hashing."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client

PAGES = {
    "foi": ("/hblg/apply/status/", {"code": "ZZZZZZZZ", "secret": "WRONGSECRET"}),
    "mailbox": ("/hblg/mailbox/lookup/", {"query_code": "ZZZZZZZZZZ", "password": "wrong"}),
}


@pytest.fixture
def hashing(monkeypatch):
    """Every password hashed or checked, whichever way."""
    calls = []
    encode, verify = MD5PasswordHasher.encode, MD5PasswordHasher.verify
    monkeypatch.setattr(MD5PasswordHasher, "encode", lambda self, *a: calls.append("encode") or encode(self, *a))
    monkeypatch.setattr(MD5PasswordHasher, "verify", lambda self, *a: calls.append("verify") or verify(self, *a))
    return calls


@pytest.mark.parametrize("page", PAGES)
def test_over_the_limit_nothing_is_hashed(world, settings, hashing, page):
    settings.XXGK_LOOKUPS_PER_HOUR = 3
    settings.FOI_LOOKUP_FAILURES_PER_HOUR = 100
    url, data = PAGES[page]
    visitor = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(3):
        assert visitor.post(url, data).status_code == 400
    assert hashing  # a lookup within the limit does the work
    hashing.clear()
    refused = visitor.post(url, data)
    assert refused.status_code == 429 and "一小时后再试" in refused.content.decode()
    assert hashing == []
    assert Client(REMOTE_ADDR="198.51.100.2").post(url, data).status_code == 400


def test_the_two_lookups_share_one_budget(world, settings):
    settings.XXGK_LOOKUPS_PER_HOUR = 2
    visitor = Client(REMOTE_ADDR="198.51.100.1")
    assert visitor.post(*PAGES["foi"]).status_code == 400
    assert visitor.post(*PAGES["mailbox"]).status_code == 400
    assert visitor.post(*PAGES["foi"]).status_code == 429
    assert visitor.post(*PAGES["mailbox"]).status_code == 429
