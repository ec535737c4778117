"""The writer's lookup page: the reply with the right password, one refusal for anything wrong, the lockout."""

from django.test import Client

from tests.oversight.conftest import walk_to_ready, write
from xxgk.oversight import services


def test_private_reply_is_read_with_code_and_password_then_rated(world):
    letter, password = write(world.president_box, wants_public_reply=False)
    letter = walk_to_ready(world, letter, text="已协调延长热水供应至23:30。")
    letter = services.send_reply(world.office, letter)
    client = Client()
    page = client.post("/hblg/mailbox/lookup/", {"query_code": letter.query_code, "password": password})
    text = page.content.decode()
    assert page.status_code == 200 and "已协调延长热水供应至23:30。" in text and "已答复" in text
    response = client.post(f"/hblg/mailbox/lookup/{letter.pk}/rate/", {"stars": "5", "comment": "很及时"})
    assert response.status_code == 302
    assert letter.reply.ratings.get().stars == 5
    assert "感谢您的评价" in client.get(response["Location"]).content.decode()


def test_rating_without_opening_the_letter_is_forbidden(world):
    letter, _ = write(world.president_box)
    assert Client().post(f"/hblg/mailbox/lookup/{letter.pk}/rate/", {"stars": "5"}).status_code == 403


def test_wrong_password_gets_the_generic_refusal_and_then_the_lockout(world):
    letter, password = write(world.president_box)
    client = Client()
    for _ in range(4):
        page = client.post("/hblg/mailbox/lookup/", {"query_code": letter.query_code, "password": "nope"})
        assert page.status_code == 400 and "查询码或密码不正确" in page.content.decode()
    page = client.post("/hblg/mailbox/lookup/", {"query_code": letter.query_code, "password": "nope"})
    assert "锁定" in page.content.decode() and "之后再试" in page.content.decode()
    page = client.post("/hblg/mailbox/lookup/", {"query_code": letter.query_code, "password": password})
    assert page.status_code == 400 and letter.subject not in page.content.decode()


def test_code_of_another_institution_is_refused(world):
    letter, password = write(world.president_box)
    page = Client().post("/scsf/mailbox/lookup/", {"query_code": letter.query_code, "password": password})
    assert page.status_code == 400 and letter.subject not in page.content.decode()
