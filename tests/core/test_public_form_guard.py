"""The shared guard of the public forms: tokens bound to their form, fill-in time, per-visitor limits."""

import time

from django.core.cache import cache
from django.test import RequestFactory

from xxgk.core import spam


def test_a_token_only_opens_the_form_it_was_issued_for():
    token = spam.make_token("mailbox:1", at=time.time() - 10)
    assert spam.check_token(token, "mailbox:1", min_seconds=3, max_age=3600) is None
    assert spam.check_token(token, "mailbox:2", min_seconds=3, max_age=3600) == "invalid"
    assert spam.check_token(token[:-2] + "xx", "mailbox:1", min_seconds=3, max_age=3600) == "invalid"


def test_too_fast_and_too_old():
    now = time.time()
    assert spam.check_token(spam.make_token("f", at=now - 1), "f", min_seconds=3, max_age=60, now=now) == "too_fast"
    assert spam.check_token(spam.make_token("f", at=now - 120), "f", min_seconds=3, max_age=60, now=now) == "expired"


def test_limits_count_per_visitor():
    cache.clear()
    alice = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1")
    bob = RequestFactory().post("/", REMOTE_ADDR="10.0.0.2")
    for _ in range(3):
        spam.hit("test:write", alice)
    assert spam.limited("test:write", alice, 3)
    assert not spam.limited("test:write", bob, 3)
    assert not spam.limited("test:other", alice, 3)
