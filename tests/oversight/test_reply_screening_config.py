"""A public mailbox reply is screened and masked as the institution set screening up: its allow-list,
its student numbers and its masking styles; the writer's own name and contact stay masked whatever the style."""

import pytest

from tests.oversight.conftest import walk_to_ready, write
from xxgk.oversight import services

OFFICE_LINE = "0898-66661234"  # on the office's allow-list, not the institution's own phone
MESSAGE = "我是林小雨，学号：B20230101。室友的电话13800001111也打不通宿管。"
REPLY = f"林小雨同学：已协调延长热水供应，如有问题请联系宿管科{OFFICE_LINE}。"


@pytest.fixture
def configured(world):
    institution = world.institution
    institution.screening_allow_list = OFFICE_LINE
    institution.student_number_pattern = r"B20\d{6}"
    institution.mask_styles = {"mobile": "replace", "person_name": "full"}
    institution.save()
    return institution


def send_public(world):
    letter, _ = write(world.president_box, message=MESSAGE)
    walk_to_ready(world, letter, text=REPLY)
    services.send_reply(world.office, letter, public=True)
    letter.reply.refresh_from_db()
    return letter.reply


def test_a_phone_on_the_allow_list_stays_readable(world, configured):
    reply = send_public(world)
    assert f"请联系宿管科{OFFICE_LINE}" in reply.public_text


def test_a_student_number_in_the_institutions_pattern_is_masked(world, configured):
    reply = send_public(world)
    assert "B20230101" not in reply.public_question
    assert "学号：B2*****01" in reply.public_question


def test_masked_in_the_styles_the_institution_chose(world, configured):
    reply = send_public(world)
    assert reply.public_question.startswith("我是***，")
    assert "室友的电话［已屏蔽］也打不通" in reply.public_question
    assert reply.public_text.startswith("***同学：")
    assert reply.public_writer == "***"


def test_the_writers_name_is_masked_even_where_names_are_left_readable(world, configured):
    configured.mask_styles = {"person_name": "none"}
    configured.save()
    reply = send_public(world)
    assert "林小雨" not in reply.public_question + reply.public_text
    assert reply.public_text.startswith("林*雨同学：")
    assert reply.public_writer == "林*雨"
