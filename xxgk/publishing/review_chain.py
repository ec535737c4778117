"""An institution's review chain: the default steps (拟稿 → 核稿 → 保密审查 → 审签) a new institution starts
with, from data, and the one rule every chain keeps: it has at least one 保密审查 step.

The rule is held at every level: `ReviewStep.clean` (so the admin's form refuses), `save_step` and
`remove_step` (the services the admin calls; they lock the institution so two edits cannot each remove
"the other" secrecy step), `submit` (a chain without one takes no record) and, as the last line,
`publish`, which asks `approved_by_secrecy_review` whether a 保密审查 step approved the record since it
was last submitted."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from xxgk.core.audit import audit
from xxgk.org.models import Institution
from xxgk.org.policy import require
from xxgk.publishing.models import NO_SECRECY_STEP, EventAction, RecordEvent, ReviewStep

REVIEW_CHAIN_FILE = Path(__file__).resolve().parent / "data" / "review_chain.json"

NOT_SECRECY_REVIEWED = _("该信息未经保密审查环节审核通过，不能发布。")


def install_default_review_chain(institution) -> None:
    """Give the institution the default steps, unless it has a chain already."""
    if ReviewStep.objects.filter(institution=institution).exists():
        return
    steps = json.loads(REVIEW_CHAIN_FILE.read_text(encoding="utf-8"))["steps"]
    if not any(step.get("is_secrecy_review") for step in steps):
        raise ValueError(f"{REVIEW_CHAIN_FILE.name}: the default chain has no 保密审查 step")
    ReviewStep.objects.bulk_create(
        ReviewStep(institution=institution, order=i, **step) for i, step in enumerate(steps, start=1)
    )


def check_removal(step: ReviewStep) -> None:
    """Refuse removing the chain's last 保密审查 step."""
    stored = ReviewStep.objects.filter(pk=step.pk).values_list("is_secrecy_review", flat=True).first()
    if stored and not step.other_secrecy_steps().exists():
        raise ValidationError(NO_SECRECY_STEP)


def chain_has_secrecy_review(institution_id: int) -> bool:
    return ReviewStep.objects.filter(institution_id=institution_id, is_secrecy_review=True).exists()


def _lock_institution(institution_id: int) -> None:
    """Serialize edits of one institution's chain (its row is the lock)."""
    Institution.objects.select_for_update().filter(pk=institution_id).first()


def _require_editor(actor, institution, permission: str) -> None:
    """The institution's office (the policy's `manage`), or the platform administrator in the Django admin
    (who holds the model's admin permission there)."""
    if getattr(actor, "is_active", False) and actor.has_perm(f"publishing.{permission}_reviewstep"):
        return
    require(actor, "manage", institution)


@transaction.atomic
def save_step(actor, step: ReviewStep) -> ReviewStep:
    """Add or change a step of a chain (the office of the institution, or the platform administrator)."""
    _require_editor(actor, step.institution, "change" if step.pk else "add")
    _lock_institution(step.institution_id)
    created = step.pk is None
    step.full_clean()  # runs ReviewStep.clean (the chain keeps a 保密审查 step), now under the lock
    step.save()
    audit(
        actor,
        "review_step_added" if created else "review_step_changed",
        step,
        f"审核环节 {step.order}. {step.name}（{'保密审查' if step.is_secrecy_review else '非保密审查'}）",
        role=step.role,
        is_secrecy_review=step.is_secrecy_review,
    )
    return step


@transaction.atomic
def remove_step(actor, step: ReviewStep) -> None:
    _require_editor(actor, step.institution, "delete")
    _lock_institution(step.institution_id)
    check_removal(step)
    audit(actor, "review_step_removed", step, f"删除审核环节 {step.order}. {step.name}")
    step.delete()


def approved_by_secrecy_review(record) -> bool:
    """Did a 保密审查 step approve the record since it was last submitted for review?

    Approvals record `secrecy_review` in their event; an older approval without it counts when its step's
    name is that of a step that is a 保密审查 step today."""
    events = RecordEvent.objects.filter(record_id=record.pk)
    last_submitted = events.filter(action__in=[EventAction.SUBMITTED, EventAction.RESUBMITTED]).order_by("-id").first()
    if last_submitted is None:
        return False
    approvals = events.filter(action=EventAction.APPROVED, id__gt=last_submitted.id)
    secrecy_names = set(
        ReviewStep.objects.filter(institution_id=record.institution_id, is_secrecy_review=True).values_list(
            "name", flat=True
        )
    )
    for data, step_name in approvals.values_list("data", "step_name"):
        flag = (data or {}).get("secrecy_review")
        if flag is True or (flag is None and step_name in secrecy_names):
            return True
    return False


def refuse_unless_secrecy_reviewed(record) -> None:
    if not approved_by_secrecy_review(record):
        raise ValidationError(NOT_SECRECY_REVIEWED)
