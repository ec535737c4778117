"""A reply is on the portal only once it is sent as a public reply: the box lists it, its page shows it,
it can be rated; a private reply or one not yet sent is nowhere public."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from tests.oversight.conftest import walk_to_ready, write
from xxgk.oversight import services
from xxgk.oversight.models import LetterReply


def replied(world, subject, *, public):
    letter, _ = write(world.president_box, subject=subject)
    walk_to_ready(world, letter)
    services.send_reply(world.office, letter, public=public)
    return LetterReply.objects.get(letter=letter)


def test_only_sent_public_replies_are_shown(world):
    shown = replied(world, "公开答复的来信", public=True)
    private = replied(world, "私下答复的来信", public=False)
    unsent = replied(world, "尚未发出的答复", public=True)
    LetterReply.objects.filter(pk=unsent.pk).update(sent_at=None)
    unsent.refresh_from_db()

    assert list(LetterReply.objects.published()) == [shown]
    assert [r.is_published for r in (shown, private, unsent)] == [True, False, False]
    listing = Client().get(f"/hblg/mailbox/{world.president_box.pk}/").content.decode()
    assert "公开答复的来信" in listing
    assert "私下答复的来信" not in listing and "尚未发出的答复" not in listing
    for hidden in (private, unsent):
        assert Client().get(f"/hblg/mailbox/replies/{hidden.pk}/").status_code == 404
        with pytest.raises(PermissionDenied):
            services.rate(hidden, stars=5)
    assert services.rate(shown, stars=5).reply == shown
