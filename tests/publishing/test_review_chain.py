"""A record's way through the default chain: 拟稿 → 提交 → 核稿 → 保密审查 → 审签 → 发布,
and back again when a reviewer returns it. Every step leaves exactly one event."""

from __future__ import annotations

import pytest
from django.utils import timezone

from xxgk.publishing import services
from xxgk.publishing.models import EventAction, RecordState

from .conftest import events_of

pytestmark = pytest.mark.django_db


def one_new_event(record, before: int):
    """The single event written since `before` events existed."""
    events = events_of(record)
    assert len(events) == before + 1, [(e.action, e.step_name) for e in events[before:]]
    return events[-1]


def test_a_new_draft_is_recorded_as_drafted_by_its_author(new_draft, drafter):
    record = new_draft()

    assert record.state == RecordState.DRAFT
    assert record.step is None
    assert not record.is_public
    [event] = events_of(record)
    assert (event.action, event.actor, event.from_state, event.to_state) == (
        EventAction.CREATED,
        drafter,
        "",
        RecordState.DRAFT,
    )


def test_the_full_chain_from_submission_to_publication(new_draft, drafter, checker, secrecy, signer):
    record = new_draft()

    record = services.submit(drafter, record, comment="请审核")
    event = one_new_event(record, 1)
    assert record.state == RecordState.IN_REVIEW
    assert record.step.name == "核稿"
    assert (event.action, event.actor, event.from_state, event.to_state, event.step_name, event.comment) == (
        EventAction.SUBMITTED,
        drafter,
        RecordState.DRAFT,
        RecordState.IN_REVIEW,
        "核稿",
        "请审核",
    )

    record = services.approve(checker, record, comment="文字已核")
    event = one_new_event(record, 2)
    assert (record.state, record.step.name) == (RecordState.IN_REVIEW, "保密审查")
    assert (event.action, event.actor, event.from_state, event.to_state, event.step_name, event.comment) == (
        EventAction.APPROVED,
        checker,
        RecordState.IN_REVIEW,
        RecordState.IN_REVIEW,
        "核稿",
        "文字已核",
    )

    record = services.approve(secrecy, record, comment="不涉密")
    event = one_new_event(record, 3)
    assert (record.state, record.step.name) == (RecordState.IN_REVIEW, "审签")
    assert (event.actor, event.step_name, event.comment, event.to_state) == (
        secrecy,
        "保密审查",
        "不涉密",
        RecordState.IN_REVIEW,
    )

    record = services.approve(signer, record, comment="同意发布")
    event = one_new_event(record, 4)
    assert record.state == RecordState.APPROVED
    assert record.step is None
    assert (event.action, event.actor, event.from_state, event.to_state, event.step_name) == (
        EventAction.APPROVED,
        signer,
        RecordState.IN_REVIEW,
        RecordState.APPROVED,
        "审签",
    )
    assert record.published_at is None and record.index_number == ""

    before = timezone.now()
    record = services.publish(signer, record)
    event = one_new_event(record, 5)
    assert record.state == RecordState.PUBLISHED
    assert record.is_public
    assert before <= record.published_at <= timezone.now()
    assert record.index_number.startswith("HBLG-")
    assert (event.action, event.actor, event.from_state, event.to_state) == (
        EventAction.PUBLISHED,
        signer,
        RecordState.APPROVED,
        RecordState.PUBLISHED,
    )
    assert event.data["index_number"] == record.index_number

    record.refresh_from_db()
    assert (record.state, record.index_number) == (RecordState.PUBLISHED, event.data["index_number"])
    assert [e.action for e in events_of(record)] == [
        EventAction.CREATED,
        EventAction.SUBMITTED,
        EventAction.APPROVED,
        EventAction.APPROVED,
        EventAction.APPROVED,
        EventAction.PUBLISHED,
    ]


def test_the_office_may_publish_an_approved_record(new_draft, through_chain, office):
    record = through_chain(new_draft(), publish=False)

    record = services.publish(office, record)

    assert record.is_public
    assert events_of(record)[-1].actor == office


@pytest.mark.parametrize("step_reached", ["核稿", "保密审查", "审签"])
def test_a_reviewer_returns_with_a_comment_at_any_step(new_draft, drafter, checker, secrecy, signer, step_reached):
    reviewers = {"核稿": checker, "保密审查": secrecy, "审签": signer}
    record = services.submit(drafter, new_draft())
    for name in ["核稿", "保密审查", "审签"][: ["核稿", "保密审查", "审签"].index(step_reached)]:
        record = services.approve(reviewers[name], record)
    assert record.step.name == step_reached
    count = len(events_of(record))

    record = services.return_for_changes(reviewers[step_reached], record, comment="  第二段日期有误，请核对。 ")

    event = one_new_event(record, count)
    assert record.state == RecordState.RETURNED
    assert record.step is None
    assert not record.is_public
    assert (event.action, event.actor, event.from_state, event.to_state, event.step_name, event.comment) == (
        EventAction.RETURNED,
        reviewers[step_reached],
        RecordState.IN_REVIEW,
        RecordState.RETURNED,
        step_reached,
        "第二段日期有误，请核对。",
    )


def test_a_returned_record_is_edited_and_resubmitted_to_the_first_step(new_draft, drafter, checker, secrecy):
    record = services.submit(drafter, new_draft())
    record = services.approve(checker, record)
    record = services.return_for_changes(secrecy, record, comment="删去学生身份证号")

    record = services.update_draft(drafter, record, {"body": "<p>录取名单见附件（已隐去身份证号）。</p>"})
    edited = one_new_event(record, 4)
    assert (edited.action, edited.actor, edited.data["fields"]) == (EventAction.EDITED, drafter, ["body"])
    assert record.state == RecordState.RETURNED

    record = services.submit(drafter, record, comment="已修改")

    event = one_new_event(record, 5)
    assert record.state == RecordState.IN_REVIEW
    assert record.step.name == "核稿"
    assert (event.action, event.actor, event.from_state, event.to_state, event.step_name, event.comment) == (
        EventAction.RESUBMITTED,
        drafter,
        RecordState.RETURNED,
        RecordState.IN_REVIEW,
        "核稿",
        "已修改",
    )
    # and the whole chain has to be walked again, starting with 核稿
    record = services.approve(checker, record)
    assert record.step.name == "保密审查"


def test_every_transition_bumps_the_revision(new_draft, drafter, checker, secrecy, signer):
    record = new_draft()
    seen = [record.revision]
    record = services.submit(drafter, record)
    seen.append(record.revision)
    for reviewer in (checker, secrecy, signer):
        record = services.approve(reviewer, record)
        seen.append(record.revision)
    record = services.publish(signer, record)
    seen.append(record.revision)

    assert seen == sorted(set(seen)), seen
    record.refresh_from_db()
    assert record.revision == seen[-1]
