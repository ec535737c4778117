"""The staff letters list: "open" shows the letters still being handled; answered letters sort after open ones."""

from django.test import Client

from tests.oversight.conftest import walk_to_ready, write
from xxgk.oversight import services
from xxgk.oversight.models import Letter, LetterState


def test_open_filter_and_answered_letters_last(world):
    answered, _ = write(world.president_box, subject="已经答复的来信")
    walk_to_ready(world, answered)
    services.send_reply(world.office, answered, public=False)
    write(world.president_box, subject="仍在办理的来信")
    client = Client()
    client.force_login(world.office)
    page = client.get("/staff/oversight/").content.decode()
    assert page.index("仍在办理的来信") < page.index("已经答复的来信")
    page = client.get("/staff/oversight/?state=open").content.decode()
    assert "仍在办理的来信" in page and "已经答复的来信" not in page


def test_open_letters_are_exactly_those_in_an_open_state(world):
    letter, _ = write(world.president_box)
    open_states = []
    for state in LetterState.values:
        Letter.objects.filter(pk=letter.pk).update(state=state)
        letter.refresh_from_db()
        selected = Letter.objects.open().filter(pk=letter.pk).exists()
        assert selected is letter.is_open
        if selected:
            open_states.append(state)
    assert LetterState.REPLIED not in open_states and LetterState.INVALID not in open_states
    assert LetterState.RECEIVED in open_states and LetterState.READY in open_states
