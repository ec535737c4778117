"""A public reply shows the writer masked: their name wherever it appears, their contact, other personal data."""

from tests.oversight.conftest import walk_to_ready, write
from xxgk.oversight import services
from xxgk.oversight.masking import mask_for_public


def test_writer_name_and_contact_are_masked_everywhere(world):
    letter, _ = write(world.president_box, message="我是林小雨，电话13912345678，身份证46010219900307123X。")
    letter = walk_to_ready(world, letter, text="林小雨同学：您好！已协调延长热水供应。如有问题请联系0898-66660000。")
    letter = services.send_reply(world.office, letter, public=True)
    reply = letter.reply
    assert reply.public and reply.public_writer == "林*雨"
    for text in (reply.public_question, reply.public_text):
        assert "林小雨" not in text
        assert "13912345678" not in text
    assert "林*雨" in reply.public_text
    assert "139****5678" in reply.public_question
    assert "46010219900307123X" not in reply.public_question
    # the institution's own published phone stays readable
    assert "0898-66660000" in reply.public_text
    # what the staff see is untouched
    letter.refresh_from_db()
    assert "林小雨" in letter.message


def test_two_character_name():
    assert mask_for_public("王五同学：收到。", writer_name="王五") == "王*同学：收到。"


def test_private_reply_builds_no_public_text(world):
    letter, _ = write(world.president_box)
    letter = walk_to_ready(world, letter)
    letter = services.send_reply(world.office, letter, public=False)
    assert letter.reply.public_text == "" and letter.reply.public_writer == ""
