"""The review chain's services keep a 保密审查 step in every chain: changing or removing the last one is
refused and leaves it as it was; with another secrecy step beside it, the change goes through and is
audited; a chain that lost its secrecy step anyway (a raw database edit) takes no record for review."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xxgk.core.models import AuditEvent
from xxgk.publishing import review_chain, services
from xxgk.publishing.models import ReviewStep

pytestmark = pytest.mark.django_db


def secrecy_step(institution) -> ReviewStep:
    return ReviewStep.objects.get(institution=institution, is_secrecy_review=True)


def test_unmarking_the_last_secrecy_step_is_refused(office, institution):
    step = secrecy_step(institution)
    step.is_secrecy_review = False

    with pytest.raises(ValidationError) as refused:
        review_chain.save_step(office, step)

    assert "至少须有一个保密审查环节" in str(refused.value)
    assert secrecy_step(institution).pk == step.pk
    assert not AuditEvent.objects.filter(action="review_step_changed").exists()


def test_removing_the_last_secrecy_step_is_refused(office, institution):
    step = secrecy_step(institution)

    with pytest.raises(ValidationError):
        review_chain.remove_step(office, step)

    assert ReviewStep.objects.filter(pk=step.pk, is_secrecy_review=True).exists()


def test_with_a_second_secrecy_step_the_first_can_be_removed_and_it_is_audited(office, institution):
    first = secrecy_step(institution)
    second = review_chain.save_step(
        office,
        ReviewStep(
            institution=institution,
            order=9,
            key="secrecy2",
            name="二次保密审查",
            role="secrecy",
            is_secrecy_review=True,
        ),
    )

    review_chain.remove_step(office, first)

    assert list(ReviewStep.objects.filter(institution=institution, is_secrecy_review=True)) == [second]
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "review_step_added",
        "review_step_removed",
    ]


def test_another_institutions_office_cannot_edit_the_chain(other_office, institution):
    step = ReviewStep.objects.get(institution=institution, key="check")
    step.name = "改名"

    with pytest.raises(PermissionDenied):
        review_chain.save_step(other_office, step)


def test_a_chain_without_a_secrecy_step_takes_no_record(institution, new_draft, drafter):
    ReviewStep.objects.filter(institution=institution).update(is_secrecy_review=False)  # behind the services' back
    record = new_draft()

    with pytest.raises(ValidationError) as refused:
        services.submit(drafter, record)

    assert "保密审查" in " ".join(refused.value.messages)
    record.refresh_from_db()
    assert record.state == "draft"
