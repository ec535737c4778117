"""Each box says whether its replies may be published on the portal and whether that needs the writer's
consent; sending and the public form follow the box."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tests.oversight.conftest import walk_to_ready, write
from xxgk.oversight import services
from xxgk.oversight.models import Letter, LetterReply
from xxgk.oversight.views import form_token


def ready(world, box, *, consent):
    letter, _password = write(box, wants_public_reply=consent)
    return walk_to_ready(world, letter)


def test_by_default_a_reply_is_published_only_with_the_writers_consent(world):
    with pytest.raises(ValidationError, match="未同意公开"):
        services.send_reply(world.office, ready(world, world.president_box, consent=False), public=True)
    letter = services.send_reply(world.office, ready(world, world.president_box, consent=True), public=True)
    assert LetterReply.objects.get(letter=letter).is_published


def test_a_box_whose_replies_stay_private(world):
    box = services.update_mailbox(world.office, world.president_box, {"public_replies": False})
    letter = ready(world, box, consent=True)
    with pytest.raises(ValidationError, match="不在门户公开"):
        services.send_reply(world.office, letter, public=True)
    assert Letter.objects.get(pk=letter.pk).state == "ready"
    letter = services.send_reply(world.office, letter, public=False)
    assert not LetterReply.objects.get(letter=letter).is_published


def test_a_box_that_needs_no_consent(world):
    box = services.update_mailbox(world.office, world.president_box, {"public_reply_needs_consent": False})
    letter = services.send_reply(world.office, ready(world, box, consent=False), public=True)
    reply = LetterReply.objects.get(letter=letter)
    assert reply.is_published and "林小雨" not in reply.public_question


def test_the_public_form_asks_for_consent_only_where_it_is_needed(world):
    url = f"/hblg/mailbox/{world.president_box.pk}/write/"
    assert 'name="wants_public_reply"' in Client().get(url).content.decode()
    services.update_mailbox(world.office, world.president_box, {"public_reply_needs_consent": False})
    page = Client().get(url).content.decode()
    assert 'name="wants_public_reply"' not in page and "本信箱的答复可能在网上公开" in page
    services.update_mailbox(world.office, world.president_box, {"public_replies": False})
    page = Client().get(url).content.decode()
    assert 'name="wants_public_reply"' not in page and "不在网上公开" in page
    box = world.president_box
    response = Client().post(
        url,
        {
            "writer_name": "林小雨",
            "writer_contact": "13912345678",
            "subject": "图书馆开放时间",
            "message": "希望考试周图书馆延长开放。",
            "wants_public_reply": "on",  # posted anyway: ignored, the form does not ask
            "token": form_token(box),
            "homepage": "",
        },
    )
    assert response.status_code == 302  # to the receipt
    assert Letter.objects.get(subject="图书馆开放时间").wants_public_reply is False


def test_the_staff_page_offers_publishing_only_when_the_box_allows(world):
    client = Client()
    client.force_login(world.office)
    letter = ready(world, world.president_box, consent=True)
    assert 'id="send-public"' in client.get(f"/staff/oversight/letters/{letter.pk}/").content.decode()
    services.update_mailbox(world.office, world.president_box, {"public_replies": False})
    page = client.get(f"/staff/oversight/letters/{letter.pk}/").content.decode()
    assert 'id="send-public"' not in page and "该信箱的答复不在门户公开" in page
