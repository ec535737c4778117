"""The person who drafted a reply cannot approve it; another with the right can."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.foi.conftest import second_office
from xxgk.foi import services
from xxgk.foi.models import ReplyType, State


def test_the_drafter_is_refused_and_another_office_admin_approves(world, received):
    app = received()
    services.draft_reply(
        world.office, app, reply_type=ReplyType.objects.get(code="public"), reason=None, text="见附件。"
    )
    with pytest.raises(ValidationError, match="拟写答复的人不能审批同一份答复"):
        services.approve_reply(world.office, app)
    app.refresh_from_db()
    assert app.state == State.DRAFTED and app.reply.approved_by is None
    assert not app.events.filter(action="approved").exists()
    reply = services.approve_reply(second_office(world), app)
    assert reply.approved_by == second_office(world) and reply.drafted_by == world.office


def test_whoever_redrafts_becomes_the_drafter(world, received):
    app = services.route(world.office, received(), world.dept_a)
    public = ReplyType.objects.get(code="public")
    services.draft_reply(world.drafter_a, app, reply_type=public, reason=None, text="见附件。")
    services.draft_reply(world.office, app, reply_type=public, reason=None, text="见附件一、二。")
    with pytest.raises(ValidationError, match="拟写答复的人不能审批"):
        services.approve_reply(world.office, app)


def test_the_detail_page_says_why(client, world, received):
    app = received()
    services.draft_reply(
        world.office, app, reply_type=ReplyType.objects.get(code="public"), reason=None, text="见附件。"
    )
    client.force_login(world.office)
    response = client.post(reverse("foi_staff:act", kwargs={"pk": app.pk, "action": "approve"}), {})
    assert response.status_code == 400 and "拟写答复的人不能审批同一份答复" in response.content.decode()
