"""A letter goes register → route → department drafts → head approves → office checks wording → reply → archive,
and every step is in its history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.oversight.conftest import walk_to_ready, write
from xxgk.oversight import services
from xxgk.oversight.models import LetterState


def actions(letter):
    return list(letter.events.values_list("action", flat=True))


def test_routed_letter_walks_every_step(world):
    letter, password = write(world.president_box)
    assert letter.state == LetterState.RECEIVED and len(password) == 8
    letter = services.route(world.office, letter, world.hq, comment="请后勤管理处办理")
    assert letter.state == LetterState.DRAFTING and letter.routed_department == world.hq
    letter = services.draft_reply(world.hq_drafter, letter, text="已协调延长热水供应。")
    assert letter.state == LetterState.APPROVING
    letter = services.approve_draft(world.hq_head, letter)
    assert letter.state == LetterState.CHECKING
    letter = services.check_wording(world.office, letter, text="林同学：您好！已协调延长热水供应。")
    assert letter.state == LetterState.READY
    letter = services.send_reply(world.office, letter, public=False)
    assert letter.state == LetterState.REPLIED
    letter = services.archive(world.office, letter)
    assert letter.state == LetterState.ARCHIVED
    assert actions(letter) == ["received", "routed", "drafted", "approved", "checked", "replied", "archived"]
    letter.reply.refresh_from_db()
    assert letter.reply.approved_by == world.hq_head and letter.reply.checked_by == world.office
    assert letter.reply.text.startswith("林同学")


def test_direct_reply_skips_the_department_head(world):
    letter, _ = write(world.president_box)
    letter = services.reply_directly(world.office, letter)
    letter = services.draft_reply(world.office, letter, text="感谢来信。")
    assert letter.state == LetterState.CHECKING


def test_escalated_letter_is_classified_again(world):
    letter, _ = write(world.president_box)
    with pytest.raises(ValidationError):
        services.escalate(world.office, letter, comment=" ")
    letter = services.escalate(world.office, letter, comment="涉及多个部门，呈报分管校领导")
    assert letter.state == LetterState.ESCALATED and letter.escalated
    letter = services.route(world.office, letter, world.hq)
    assert letter.state == LetterState.DRAFTING


def test_head_or_office_return_the_draft_with_a_reason(world):
    letter, _ = write(world.president_box)
    letter = services.route(world.office, letter, world.hq)
    letter = services.draft_reply(world.hq_drafter, letter, text="知道了。")
    with pytest.raises(ValidationError):
        services.return_draft(world.hq_head, letter, comment="")
    letter = services.return_draft(world.hq_head, letter, comment="请写明延长到几点。")
    assert letter.state == LetterState.DRAFTING
    letter = services.draft_reply(world.hq_drafter, letter, text="延长到23:30。")
    letter = services.approve_draft(world.hq_head, letter)
    letter = services.return_draft(world.office, letter, comment="请加称呼。")
    assert letter.state == LetterState.DRAFTING
    assert actions(letter).count("returned") == 2


def test_people_outside_the_chain_are_refused(world):
    letter, _ = write(world.president_box)
    for person in (world.drafter_a, world.hq_drafter, world.other_office, world.nobody, world.supervisor):
        with pytest.raises(PermissionDenied):
            services.route(person, letter, world.hq)
    letter = services.route(world.office, letter, world.hq)
    with pytest.raises(PermissionDenied):
        services.draft_reply(world.drafter_a, letter, text="x")  # another department's officer
    letter = services.draft_reply(world.hq_drafter, letter, text="答复")
    with pytest.raises(PermissionDenied):
        services.approve_draft(world.hq_drafter, letter)  # the drafter is not the head
    with pytest.raises(PermissionDenied):
        services.approve_draft(world.checker_a, letter)  # another department's checker
    letter = services.approve_draft(world.hq_head, letter)
    with pytest.raises(PermissionDenied):
        services.check_wording(world.hq_head, letter)  # wording is the office's


def test_box_handlers_act_as_the_office_for_their_box(world):
    world.dept_box.handlers.add(world.checker_b)
    letter, _ = write(world.dept_box)
    letter = services.route(world.checker_b, letter, world.dept_b)
    letter = services.draft_reply(world.drafter_b, letter, text="已处理。")
    letter = services.approve_draft(world.checker_b, letter)
    letter = services.check_wording(world.checker_b, letter)
    letter = services.send_reply(world.checker_b, letter)
    assert letter.state == LetterState.REPLIED
    other, _ = write(world.president_box)
    with pytest.raises(PermissionDenied):
        services.route(world.checker_b, other, world.dept_b)


def test_a_reply_cannot_be_public_against_the_writers_wish(world):
    letter, _ = write(world.president_box, wants_public_reply=False)
    letter = walk_to_ready(world, letter)
    with pytest.raises(ValidationError):
        services.send_reply(world.office, letter, public=True)
    letter = services.send_reply(world.office, letter, public=False)
    assert not letter.reply.public


def test_stale_revision_is_refused(world):
    letter, _ = write(world.president_box)
    seen = letter.revision
    letter = services.route(world.office, letter, world.hq)
    with pytest.raises(services.Conflict):
        services.reply_directly(world.office, letter, expected_revision=seen)
