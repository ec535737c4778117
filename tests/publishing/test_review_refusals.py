"""Everything the chain refuses: the wrong person, the wrong step, the wrong state,
a missing comment or reason. A refusal changes nothing and writes no event."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xxgk.org.policy import can
from xxgk.publishing import services
from xxgk.publishing.models import Record, RecordEvent, RecordState

pytestmark = pytest.mark.django_db

WATCHED = (
    "state",
    "step_id",
    "revision",
    "title",
    "body",
    "index_number",
    "published_at",
    "withdrawn_reason",
    "version",
)


@contextmanager
def refused(record, exc=PermissionDenied):
    """The action inside raises `exc` and leaves the record and its history as they were."""
    before = Record.objects.values(*WATCHED).get(pk=record.pk)
    events = RecordEvent.objects.filter(record_id=record.pk).count()
    with pytest.raises(exc) as info:
        yield info
    assert Record.objects.values(*WATCHED).get(pk=record.pk) == before
    assert RecordEvent.objects.filter(record_id=record.pk).count() == events


def test_the_drafter_cannot_approve_their_own_record(new_draft, drafter):
    record = services.submit(drafter, new_draft())
    with refused(record):
        services.approve(drafter, record)
    with refused(record):
        services.return_for_changes(drafter, record, comment="自己退回")


def test_the_checker_cannot_approve_at_the_secrecy_review(new_draft, drafter, checker):
    record = services.approve(checker, services.submit(drafter, new_draft()))
    assert record.step.name == "保密审查"
    with refused(record):
        services.approve(checker, record)
    with refused(record):
        services.return_for_changes(checker, record, comment="再看看")


def test_the_secrecy_reviewer_cannot_approve_at_the_check(new_draft, drafter, secrecy, signer):
    record = services.submit(drafter, new_draft())
    assert record.step.name == "核稿"
    with refused(record):
        services.approve(secrecy, record)
    with refused(record):
        services.approve(signer, record)


def test_the_signer_cannot_sign_before_the_secrecy_review(new_draft, drafter, checker, signer):
    record = services.approve(checker, services.submit(drafter, new_draft()))
    with refused(record):
        services.approve(signer, record)


def test_another_departments_drafter_cannot_see_edit_or_submit_a_draft(new_draft, other_drafter):
    record = new_draft()

    assert not can(other_drafter, "view", record)
    with refused(record):
        services.update_draft(other_drafter, record, {"title": "改过的标题"})
    with refused(record):
        services.submit(other_drafter, record)


def test_another_departments_drafter_cannot_correct_or_withdraw(published, other_drafter):
    with refused(published):
        services.correct(other_drafter, published, {"title": "改过的标题"}, reason="更正")
    with refused(published):
        services.withdraw(other_drafter, published, reason="撤回")


def test_the_drafter_cannot_edit_a_record_once_submitted(new_draft, drafter):
    record = services.submit(drafter, new_draft())
    with refused(record):
        services.update_draft(drafter, record, {"title": "审核中偷偷改标题"})
    with refused(record):
        services.submit(drafter, record)


def test_the_supervisor_reads_records_in_review_but_not_drafts(new_draft, drafter, supervisor):
    draft = new_draft(title="草稿")
    in_review = services.submit(drafter, new_draft(title="审核中"))

    assert not can(supervisor, "view", draft)
    assert can(supervisor, "view", in_review)


def test_the_supervisor_changes_nothing(new_draft, drafter, signer, through_chain, supervisor):
    draft = new_draft()
    with refused(draft):
        services.update_draft(supervisor, draft, {"title": "督查改标题"})
    with refused(draft):
        services.submit(supervisor, draft)

    in_review = services.submit(drafter, new_draft())
    with refused(in_review):
        services.approve(supervisor, in_review)
    with refused(in_review):
        services.return_for_changes(supervisor, in_review, comment="督查意见")

    approved = through_chain(new_draft(), publish=False)
    with refused(approved):
        services.publish(supervisor, approved)

    published = services.publish(signer, approved)
    assert can(supervisor, "view", published)
    with refused(published):
        services.correct(supervisor, published, {"title": "督查更正"}, reason="督查")
    with refused(published):
        services.withdraw(supervisor, published, reason="督查撤回")


def test_another_institutions_office_cannot_see_or_act(new_draft, signer, through_chain, other_office):
    draft = new_draft()
    assert not can(other_office, "view", draft)
    with refused(draft):
        services.update_draft(other_office, draft, {"title": "外校改标题"})
    with refused(draft):
        services.submit(other_office, draft)

    approved = through_chain(new_draft(), publish=False)
    assert not can(other_office, "view", approved)
    with refused(approved):
        services.publish(other_office, approved)

    published = services.publish(signer, approved)
    assert not can(other_office, "view", published)
    with refused(published):
        services.withdraw(other_office, published, reason="外校撤回")
    with refused(published):
        services.correct(other_office, published, {"title": "外校更正"}, reason="外校更正")


def test_publishing_before_the_last_approval_is_refused(new_draft, drafter, checker, secrecy, signer, office):
    draft = new_draft()
    with refused(draft):
        services.publish(signer, draft)
    record = services.submit(drafter, draft)
    for reviewer in (checker, secrecy):
        with refused(record):
            services.publish(signer, record)
        with refused(record):
            services.publish(office, record)
        record = services.approve(reviewer, record)
    with refused(record):
        services.publish(signer, record)


@pytest.mark.parametrize("comment", ["", "   ", None])
def test_returning_without_a_comment_is_refused(new_draft, drafter, checker, comment):
    record = services.submit(drafter, new_draft())
    with refused(record, ValidationError) as info:
        services.return_for_changes(checker, record, comment=comment)
    assert "退回时请写明需要修改的内容" in str(info.value)


@pytest.mark.parametrize("reason", ["", "  \n "])
def test_withdrawing_without_a_reason_is_refused(published, signer, reason):
    with refused(published, ValidationError) as info:
        services.withdraw(signer, published, reason=reason)
    assert "撤回时请写明撤回理由" in str(info.value)
    assert Record.objects.get(pk=published.pk).is_public


@pytest.mark.parametrize("reason", ["", "   "])
def test_correcting_without_a_reason_is_refused(published, signer, reason):
    with refused(published, ValidationError) as info:
        services.correct(signer, published, {"title": "更正后的标题"}, reason=reason)
    assert "更正时请写明更正理由" in str(info.value)
    assert not published.versions.exists()


def test_a_withdrawn_record_cannot_be_acted_on(published, drafter, signer, office):
    withdrawn = services.withdraw(signer, published, reason="信息有误")
    assert withdrawn.state == RecordState.WITHDRAWN

    with refused(withdrawn):
        services.publish(office, withdrawn)
    with refused(withdrawn):
        services.correct(office, withdrawn, {"title": "撤回后更正"}, reason="更正")
    with refused(withdrawn):
        services.withdraw(office, withdrawn, reason="再次撤回")
    with refused(withdrawn):
        services.update_draft(drafter, withdrawn, {"title": "撤回后修改"})
    with refused(withdrawn):
        services.submit(drafter, withdrawn)


def test_nothing_is_public_before_the_last_step(new_draft, drafter, checker, secrecy, signer):
    record = new_draft()
    seen = [record.is_public]
    record = services.submit(drafter, record)
    seen.append(record.is_public)
    for reviewer in (checker, secrecy, signer):
        record = services.approve(reviewer, record)
        seen.append(Record.objects.get(pk=record.pk).is_public)
    assert record.state == RecordState.APPROVED
    assert seen == [False] * 5

    record = services.publish(signer, record)
    assert Record.objects.get(pk=record.pk).is_public
