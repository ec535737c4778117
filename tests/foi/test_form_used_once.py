"""The public application form is idempotent: one token, one application. A repeat (a double click,
a reload, a retry) shows the receipt of the first submit, with its code and query password."""

import re
import time

import pytest
from django.test import Client
from django.urls import reverse

from tests.foi.conftest import applicant
from xxgk.core import once
from xxgk.foi import services, spam
from xxgk.foi.models import Application

URL = reverse("foi:apply", kwargs={"slug": "hblg"})


def _secret(page: str) -> str:
    return re.search(r"查询密码[^A-Z0-9]*([A-Z0-9]{10})", page).group(1)


def test_the_same_form_sent_twice_makes_one_application_and_shows_it_twice(world):
    data = {**applicant(), "token": spam.make_token(time.time() - 10), "website": ""}
    first_client, second_client = Client(), Client()  # the repeat may come without the first's cookie
    first = first_client.post(URL, data)
    second = second_client.post(URL, data)
    assert first.status_code == second.status_code == 302
    app = Application.objects.get()
    pages = [c.get(r["Location"]).content.decode() for c, r in ((first_client, first), (second_client, second))]
    assert all(app.code in page for page in pages)
    assert _secret(pages[0]) == _secret(pages[1])
    assert services.check_secret(world.institution, app.code, _secret(pages[1])) == app


def test_a_new_token_makes_a_new_application(world, client):
    for _ in range(2):
        client.post(URL, {**applicant(), "token": spam.make_token(time.time() - 10), "website": ""})
    assert Application.objects.count() == 2


def test_a_second_claim_rolls_back_everything_it_made(world):
    token = spam.make_token(time.time() - 10)
    services.submit_online(world.institution, applicant(), once_token=token)
    with pytest.raises(once.AlreadyUsed):
        services.submit_online(world.institution, applicant(), once_token=token)
    assert Application.objects.count() == 1


def test_the_secret_is_kept_sealed(world):
    token = spam.make_token(time.time() - 10)
    receipt = services.submit_online(world.institution, applicant(), once_token=token)
    from xxgk.core.models import FormUse

    row = FormUse.objects.get()
    assert receipt.secret not in row.sealed and token not in row.digest
    assert once.first(services.ONCE_SCOPE, token) == (receipt.application.code, receipt.secret)
    assert once.first(services.ONCE_SCOPE, token + "x") is None
