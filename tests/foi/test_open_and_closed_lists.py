"""Every application is either open (being handled) or closed (answered or given up); the staff list shows
the open ones by default and the closed ones on request."""

from datetime import date

import pytest
from django.urls import reverse

from tests.foi.conftest import applicant, second_office
from xxgk.foi import services
from xxgk.foi.models import Application, ReplyType, State


@pytest.mark.parametrize("state", State.values)
def test_each_state_is_open_or_closed(state, world, received):
    app = received()
    Application.objects.filter(pk=app.pk).update(state=state)
    app.refresh_from_db()
    is_open = Application.objects.open().filter(pk=app.pk).exists()
    is_closed = Application.objects.closed().filter(pk=app.pk).exists()
    assert is_open != is_closed
    assert is_open is app.is_open


def test_the_list_shows_open_applications_unless_asked_for_closed_ones(client, world):
    waiting = services.submit_online(world.institution, applicant(title="仍在办理的申请"), today=date(2024, 3, 1))
    answered = services.submit_online(world.institution, applicant(title="已经答复的申请"), today=date(2024, 3, 1))
    app = answered.application
    public = ReplyType.objects.get(code="public")
    services.draft_reply(world.office, app, reply_type=public, reason=None, text="现提供所申请的信息。")
    services.approve_reply(second_office(world), app)
    services.send_reply(world.office, app, on=date(2024, 3, 8))
    client.force_login(world.office)
    page = client.get(reverse("foi_staff:list")).content.decode()
    assert waiting.application.code in page and app.code not in page
    page = client.get(reverse("foi_staff:list") + "?show=closed").content.decode()
    assert app.code in page and waiting.application.code not in page
