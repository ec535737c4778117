"""Creating institutions and departments, and granting roles."""

from __future__ import annotations

from django.db import transaction

from xxgk.org.index_format import validate_format
from xxgk.org.models import Department, Institution, Membership, Role
from xxgk.org.signals import institution_created


@transaction.atomic
def create_institution(**fields) -> Institution:
    """An institution, with what every app keeps per institution set up in the same transaction (the
    catalog copies the 清单, publishing installs the default review chain: see `institution_created`)."""
    if "index_format" in fields:
        validate_format(fields["index_format"])
    institution = Institution.objects.create(**fields)
    institution_created.send(sender=Institution, institution=institution)
    return institution


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
