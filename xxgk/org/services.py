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


def grant(user, role: str, *, institution: Institution | None = None, department: Department | None = None) -> Membership:
    if department is not None:
        institution = department.institution
    if role == Role.SUPERVISOR:
        institution = department = None
    membership = Membership(user=user, role=role, institution=institution, department=department)
    membership.clean()
    membership, _ = Membership.objects.get_or_create(user=user, role=role, institution=institution, department=department)
    return membership
