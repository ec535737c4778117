"""Publication is the last line: a record is published only when a 保密审查 step approved it since it was
last submitted. An approval records whether its step was a secrecy review."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from xxgk.publishing import review_chain, services
from xxgk.publishing.models import EventAction, Record, RecordState

from .conftest import events_of

pytestmark = pytest.mark.django_db


def test_each_approval_records_whether_it_was_the_secrecy_review(new_draft, through_chain):
    record = through_chain(new_draft(), publish=False)

    approvals = [(e.step_name, e.data.get("secrecy_review")) for e in events_of(record) if e.action == "approved"]

    assert approvals == [("核稿", False), ("保密审查", True), ("审签", False)]
    assert review_chain.approved_by_secrecy_review(record)


def test_a_record_approved_without_the_secrecy_review_is_not_published(new_draft, drafter, signer):
    record = services.submit(drafter, new_draft())
    # a record that reached 已审核 without passing 保密审查 (a raw edit, an old bug)
    Record.objects.filter(pk=record.pk).update(state=RecordState.APPROVED, step=None)
    record.refresh_from_db()

    with pytest.raises(ValidationError) as refused:
        services.publish(signer, record)

    assert "未经保密审查" in " ".join(refused.value.messages)
    record.refresh_from_db()
    assert (record.state, record.published_at, record.index_number) == (RecordState.APPROVED, None, "")
    assert EventAction.PUBLISHED not in [e.action for e in events_of(record)]


def test_a_secrecy_approval_before_a_resubmission_does_not_count(new_draft, drafter, checker, secrecy, signer):
    record = services.approve(secrecy, services.approve(checker, services.submit(drafter, new_draft())))
    record = services.return_for_changes(signer, record, comment="请补充附件")
    record = services.submit(drafter, record)
    Record.objects.filter(pk=record.pk).update(state=RecordState.APPROVED, step=None)
    record.refresh_from_db()

    with pytest.raises(ValidationError):
        services.publish(signer, record)


def test_a_record_through_the_whole_chain_is_published(new_draft, through_chain):
    record = through_chain(new_draft())

    assert record.state == RecordState.PUBLISHED
    assert record.index_number


def test_the_workbench_publish_button_shows_the_refusal(client, new_draft, drafter, signer):
    record = services.submit(drafter, new_draft())
    Record.objects.filter(pk=record.pk).update(state=RecordState.APPROVED, step=None)
    record.refresh_from_db()
    client.force_login(signer)

    url = reverse("workbench:act", args=[record.pk, "publish"])
    response = client.post(url, {"revision": record.revision}, follow=True)

    assert response.status_code == 200
    assert "该信息未经保密审查环节审核通过，不能发布。" in response.content.decode()
    record.refresh_from_db()
    assert record.state == RecordState.APPROVED
