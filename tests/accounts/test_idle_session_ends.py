"""A session ends after XXGK_SESSION_IDLE_MINUTES without a request; activity keeps it alive."""

from __future__ import annotations

import time

from xxgk.accounts.middleware import SEEN


def _idle_for(client, seconds):
    session = client.session
    session[SEEN] = int(time.time()) - seconds
    session.save()


def test_idle_past_the_limit_signs_out(client, world, settings):
    settings.XXGK_SESSION_IDLE_MINUTES = 30
    client.force_login(world.office)
    assert client.get("/staff/").status_code == 200
    _idle_for(client, 31 * 60)
    response = client.get("/staff/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "自动退出" in client.get(response["Location"]).content.decode()


def test_activity_within_the_limit_keeps_the_session(client, world, settings):
    settings.XXGK_SESSION_IDLE_MINUTES = 30
    client.force_login(world.office)
    client.get("/staff/")
    _idle_for(client, 29 * 60)
    assert client.get("/staff/").status_code == 200
    assert client.session[SEEN] >= int(time.time()) - 5  # the request counted as activity
