"""Creating institutions and departments, and granting roles."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from xxgk.org.models import Department, Institution, Membership, Role

REVIEW_CHAIN_FILE = Path(__file__).resolve().parent.parent / "publishing" / "data" / "review_chain.json"


@transaction.atomic
def create_institution(**fields) -> Institution:
    """An institution with its own copy of the 清单 catalog and the default review chain."""
    from xxgk.catalog.loader import ensure_institution_catalog
    from xxgk.publishing.index_numbers import validate_format

    if "index_format" in fields:
        validate_format(fields["index_format"])
    institution = Institution.objects.create(**fields)
    ensure_institution_catalog(institution)
    install_default_review_chain(institution)
    return institution


def install_default_review_chain(institution: Institution) -> None:
    from xxgk.publishing.models import ReviewStep

    if ReviewStep.objects.filter(institution=institution).exists():
        return
    steps = json.loads(REVIEW_CHAIN_FILE.read_text(encoding="utf-8"))["steps"]
    ReviewStep.objects.bulk_create(
        ReviewStep(institution=institution, order=i, **step) for i, step in enumerate(steps, start=1)
    )


def grant(
    user, role: str, *, institution: Institution | None = None, department: Department | None = None
) -> Membership:
    if department is not None:
        institution = department.institution
    if role == Role.SUPERVISOR:
        institution = department = None
    membership = Membership(user=user, role=role, institution=institution, department=department)
    membership.clean()
    membership, _ = Membership.objects.get_or_create(
        user=user, role=role, institution=institution, department=department
    )
    return membership


INSTITUTION_SETTINGS = (
    "name",
    "short_name",
    "office_name",
    "address",
    "postcode",
    "office_hours",
    "phone",
    "email",
    "website",
    "index_format",
    "timeliness_days",
)


@transaction.atomic
def update_institution(actor, institution: Institution, **fields) -> Institution:
    """The office edits its institution's guide facts and rules."""
    from xxgk.core.audit import audit
    from xxgk.org.policy import require
    from xxgk.publishing.index_numbers import validate_format

    require(actor, "manage", institution)
    unknown = set(fields) - set(INSTITUTION_SETTINGS)
    if unknown:
        raise ValueError(f"not settable: {sorted(unknown)}")
    if "index_format" in fields:
        validate_format(fields["index_format"])
    before = {k: getattr(institution, k) for k in fields}
    for key, value in fields.items():
        setattr(institution, key, value)
    institution.save(update_fields=list(fields))
    changed = {k: [before[k], v] for k, v in fields.items() if before[k] != v}
    if changed:
        audit(
            actor,
            "institution_updated",
            institution,
            "修改学校设置：" + "、".join(changed),
            institution=institution,
            changed={k: [str(a), str(b)] for k, (a, b) in changed.items()},
        )
    return institution
