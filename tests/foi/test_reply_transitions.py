"""Route → draft (screened) → approve → send, with the letter; refusals for the wrong people and states."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.foi.conftest import second_office
from xxgk.foi import services
from xxgk.foi.loader import rules_for
from xxgk.foi.models import ReplyReason, ReplyType, State


def rt(code):
    return ReplyType.objects.get(code=code)


def reason(type_code, code):
    return ReplyReason.objects.get(reply_type__code=type_code, code=code)


def test_full_path_to_a_sent_partial_reply(world, received):
    app = received(on=date(2024, 3, 1))
    app = services.route(world.office, app, world.dept_a)
    assert app.state == State.ROUTED
    services.draft_reply(
        world.drafter_a,
        app,
        reply_type=rt("partial"),
        reason=reason("partial", "privacy"),
        text="现提供录取分数统计表，考生个人成绩不予公开。",
    )
    app.refresh_from_db()
    assert app.state == State.DRAFTED
    services.approve_reply(second_office(world), app)
    app.refresh_from_db()
    reply = services.send_reply(world.office, app, on=date(2024, 3, 20))
    app.refresh_from_db()
    assert app.state == State.CLOSED and app.closed_on == date(2024, 3, 20)
    assert app.on_time is True and app.working_days_taken == 13
    assert app.outcome_type.code == "partial"
    assert reply.letter_docx.name.endswith(".docx") and reply.letter_pdf.name.endswith(".pdf")
    assert reply.letter_pdf.open("rb").read(5) == b"%PDF-"
    actions = list(app.events.values_list("action", flat=True))
    assert actions == ["submitted", "routed", "drafted", "approved", "sent"]


def test_letter_says_what_the_template_says(world, received):
    import pymupdf as fitz

    app = received(on=date(2024, 3, 1))
    services.draft_reply(
        world.office,
        app,
        reply_type=rt("refused"),
        reason=reason("refused", "privacy"),
        text="所申请的名单含有学生的家庭住址。",
    )
    services.approve_reply(second_office(world), app)
    reply = services.send_reply(world.office, app, on=date(2024, 3, 8))
    with fitz.open(reply.letter_pdf.path) as pdf:
        text = "".join(page.get_text() for page in pdf).replace("\n", "")
    assert "信息公开申请答复书" in text and "涉及个人隐私" in text and app.code in text
    from docx import Document

    doc = "".join(p.text for p in Document(reply.letter_docx.path).paragraphs)
    assert "所申请的名单含有学生的家庭住址。" in doc and "海滨理工大学" in doc


def test_department_staff_draft_only_what_is_routed_to_them(world, received):
    app = received()
    with pytest.raises(PermissionDenied):
        services.draft_reply(world.drafter_a, app, reply_type=rt("public"), reason=None, text="答复")
    services.route(world.office, app, world.dept_a)
    with pytest.raises(PermissionDenied):
        services.draft_reply(world.drafter_b, app, reply_type=rt("public"), reason=None, text="答复")
    services.draft_reply(world.checker_a, app, reply_type=rt("public"), reason=None, text="答复")


def test_only_the_office_approves_and_sends(world, received):
    app = received()
    services.route(world.office, app, world.dept_a)
    services.draft_reply(world.drafter_a, app, reply_type=rt("public"), reason=None, text="答复")
    for who in ("drafter_a", "supervisor", "other_office", "signer"):
        with pytest.raises(PermissionDenied):
            services.approve_reply(world.people[who], app)
    with pytest.raises(PermissionDenied):
        services.route(world.other_office, app, world.dept_b)


def test_a_reason_is_required_and_must_belong_to_the_type(world, received):
    app = received()
    with pytest.raises(ValidationError, match="须选择理由"):
        services.draft_reply(world.office, app, reply_type=rt("refused"), reason=None, text="不予公开")
    with pytest.raises(ValidationError, match="不属于"):
        services.draft_reply(
            world.office, app, reply_type=rt("refused"), reason=reason("unable", "not_held"), text="不予公开"
        )


def test_personal_data_in_the_reply_blocks_approval_until_overridden(world, received):
    app = received()
    text = "经查，学生张三的身份证号为11010519491231002X，手机13912345678。"
    services.draft_reply(world.office, app, reply_type=rt("public"), reason=None, text=text)
    with pytest.raises(ValidationError, match="个人信息"):
        services.approve_reply(second_office(world), app)
    services.draft_reply(
        world.office,
        app,
        reply_type=rt("public"),
        reason=None,
        text=text,
        override_reason="申请人本人申请获取本人信息，已核验身份。",
    )
    services.approve_reply(second_office(world), app)
    event = app.events.get(action="screening_overridden")
    assert event.actor == world.office and "已核验身份" in event.comment


def test_the_institutions_own_contacts_do_not_block(world, received):
    app = received()
    services.draft_reply(
        world.office,
        app,
        reply_type=rt("public"),
        reason=None,
        text="如有疑问请致电0898-66660000或发邮件至xxgk@hblg.edu.cn。",
    )
    services.approve_reply(second_office(world), app)


def test_send_needs_approval_and_returned_reply_goes_back(world, received):
    app = received()
    services.route(world.office, app, world.dept_a)
    services.draft_reply(world.drafter_a, app, reply_type=rt("public"), reason=None, text="答复")
    with pytest.raises(ValidationError, match="尚未审批"):
        services.send_reply(world.office, app)
    with pytest.raises(ValidationError, match="修改的内容"):
        services.return_reply(world.office, app, comment="")
    app = services.return_reply(world.office, app, comment="请补充获取方式。")
    assert app.state == State.ROUTED


def test_approval_waits_for_an_open_consultation(world, received):
    app = received(on=date(2024, 3, 1))
    services.draft_reply(world.office, app, reply_type=rt("public"), reason=None, text="答复")
    services.start_consultation(world.office, app, third_party="甲公司", address="海口市某路1号", on=date(2024, 3, 4))
    with pytest.raises(ValidationError, match="征求第三方意见尚未结束"):
        services.approve_reply(second_office(world), app)


def test_overdue_reply_is_counted_late(world, received):
    app = received(on=date(2024, 3, 1))  # due 03-22
    services.draft_reply(world.office, app, reply_type=rt("public"), reason=None, text="答复")
    services.approve_reply(second_office(world), app)
    services.send_reply(world.office, app, on=date(2024, 3, 25))
    app.refresh_from_db()
    assert app.on_time is False and app.working_days_taken == 16


def test_fees_only_when_configured_and_printed_on_the_letter(world, received):
    app = received()
    with pytest.raises(ValidationError, match="未设置收费"):
        services.draft_reply(world.office, app, reply_type=rt("public"), reason=None, text="答复", fee=Decimal("20"))
    rules = rules_for(world.institution)
    rules.fees_enabled, rules.fee_note = True, "按省物价部门标准收取复制费。"
    rules.save()
    services.draft_reply(world.office, app, reply_type=rt("public"), reason=None, text="答复", fee=Decimal("20"))
    services.approve_reply(second_office(world), app)
    reply = services.send_reply(world.office, app, on=date(2024, 3, 8))
    from docx import Document

    doc = "".join(p.text for p in Document(reply.letter_docx.path).paragraphs)
    assert "收取费用人民币 20.00 元" in doc
    app.refresh_from_db()
    assert app.fee == Decimal("20")


def test_closed_applications_accept_no_more_actions(world, received):
    app = received()
    services.draft_reply(world.office, app, reply_type=rt("public"), reason=None, text="答复")
    services.approve_reply(second_office(world), app)
    services.send_reply(world.office, app, on=date(2024, 3, 8))
    app.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.route(world.office, app, world.dept_a)
    with pytest.raises(PermissionDenied):
        services.draft_reply(world.office, app, reply_type=rt("public"), reason=None, text="再答复")


def test_repeat_application_is_flagged_as_a_duplicate(world, received):
    first = received(on=date(2024, 3, 1))
    services.draft_reply(world.office, first, reply_type=rt("public"), reason=None, text="答复")
    services.approve_reply(second_office(world), first)
    services.send_reply(world.office, first, on=date(2024, 3, 8))
    again = received(on=date(2024, 4, 1), title="2023年本科招生各省录取分数统计表 ")
    assert again.duplicate_of_id == first.pk
    assert again.events.filter(action="duplicate_flagged").exists()
    other_person = received(on=date(2024, 4, 1), id_number="110101199003077571")
    assert other_person.duplicate_of_id is None
