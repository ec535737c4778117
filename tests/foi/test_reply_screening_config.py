"""An on-request reply is screened as the institution set screening up: its allow-list and its student numbers."""

import pytest
from django.core.exceptions import ValidationError

from tests.foi.conftest import second_office
from xxgk.foi import services
from xxgk.foi.models import ReplyType

OFFICE_LINE = "0898-66661234"  # on the office's allow-list, not the institution's own phone


@pytest.fixture
def configured(world):
    institution = world.institution
    institution.screening_allow_list = f"{OFFICE_LINE}\n"
    institution.student_number_pattern = r"B20\d{6}"
    institution.save()
    return institution


def draft(world, app, text):
    public = ReplyType.objects.get(code="public")
    return services.draft_reply(world.office, app, reply_type=public, reason=None, text=text)


def test_a_phone_on_the_allow_list_is_not_flagged(world, received, configured):
    app = received()
    reply = draft(world, app, f"如需纸质材料，请致电学生处{OFFICE_LINE}预约领取。")
    assert reply.findings == []
    services.approve_reply(second_office(world), app)


def test_the_allow_list_is_read_afresh_when_the_office_changes_it(world, received, configured):
    configured.screening_allow_list = ""
    configured.save()
    app = received()
    reply = draft(world, app, f"如需纸质材料，请致电学生处{OFFICE_LINE}预约领取。")
    assert [(f["kind"], f["text"]) for f in reply.findings] == [("landline", OFFICE_LINE)]
    with pytest.raises(ValidationError, match="个人信息"):
        services.approve_reply(second_office(world), app)


def test_a_student_number_in_the_institutions_pattern_is_found(world, received, configured):
    app = received()
    reply = draft(world, app, "经查，学号：B20230101 的学生已于2023年退学。")
    assert [(f["kind"], f["text"]) for f in reply.findings] == [("student_number", "B20230101")]
    with pytest.raises(ValidationError, match="个人信息"):
        services.approve_reply(second_office(world), app)
