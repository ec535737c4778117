"""XXGK_PUBLIC_RATE_LIMITS=off (load tests only) lifts the per-visitor limits of the public forms;
on (the default) the sixth application of the hour from one address is refused."""

import time

from django.test import Client

from tests.foi.conftest import applicant
from xxgk.foi import spam
from xxgk.foi.models import Application


def apply(client):
    data = {**applicant(), "token": spam.make_token(time.time() - 10), "website": ""}
    return client.post("/hblg/apply/", data)


def test_on_by_default(world, settings):
    assert settings.XXGK_PUBLIC_RATE_LIMITS is True
    visitor = Client(REMOTE_ADDR="198.51.100.1")
    assert [apply(visitor).status_code for _ in range(6)] == [302] * 5 + [429]
    assert Application.objects.count() == 5


def test_off_lifts_the_submission_limit(world, settings):
    settings.XXGK_PUBLIC_RATE_LIMITS = False
    visitor = Client(REMOTE_ADDR="198.51.100.1")
    assert [apply(visitor).status_code for _ in range(8)] == [302] * 8
    assert Application.objects.count() == 8
