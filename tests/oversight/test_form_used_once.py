"""The mailbox form is idempotent: one token, one letter; a repeat shows the first letter's receipt."""

from django.test import Client

from xxgk.core import spam
from xxgk.oversight.models import Letter
from xxgk.oversight.views import FORM_MIN_SECONDS


def test_the_same_letter_sent_twice_is_one_letter(world, monkeypatch):
    import time

    box = world.president_box
    token = spam.make_token(f"mailbox:{box.pk}", time.time() - FORM_MIN_SECONDS - 5)
    data = {
        "writer_name": "林小雨",
        "writer_contact": "13912345678",
        "subject": "宿舍热水供应时间太短",
        "message": "晚上十点后就没有热水了，希望延长供应时间。",
        "token": token,
        "homepage": "",
    }
    url = f"/hblg/mailbox/{box.pk}/write/"
    first_client, second_client = Client(), Client()
    first, second = first_client.post(url, data), second_client.post(url, data)
    assert first.status_code == second.status_code == 302
    letter = Letter.objects.get()
    pages = [c.get(r["Location"]).content.decode() for c, r in ((first_client, first), (second_client, second))]
    assert all(letter.query_code in page for page in pages)
