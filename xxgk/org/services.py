"""Creating institutions and departments, and granting roles."""

from __future__ import annotations

from django.db import transaction

from xxgk.org.index_format import validate_format
from xxgk.org.models import Department, Institution, Membership, Role, Source
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
    """A role granted by hand (set-up code, the demo, the admin). A role the mapping rules had given
    becomes hand-granted, so the rules no longer take it away."""
    if department is not None:
        institution = department.institution
    if role == Role.SUPERVISOR:
        institution = department = None
    membership = Membership(user=user, role=role, institution=institution, department=department)
    membership.clean()
    membership, _ = Membership.objects.get_or_create(
        user=user, role=role, institution=institution, department=department
    )
    if membership.source != Source.MANUAL:
        membership.source = Source.MANUAL
        membership.save(update_fields=["source"])
    return membership


def _require_role_authority(actor, role: str, institution: Institution | None) -> None:
    from xxgk.org.policy import require

    if role == Role.SUPERVISOR:
        require(actor, "grant_supervisor")
    else:
        require(actor, "manage", institution)


@transaction.atomic
def grant_by(
    actor, user, role: str, *, institution: Institution | None = None, department: Department | None = None
) -> Membership:
    """A role granted by a person: the office of the institution (办公室管理员), or for 督查 the platform
    administrator only. Kept by the mapping rules whatever they say; an audit event."""
    from django.core.exceptions import ValidationError

    from xxgk.core.audit import audit

    if role not in Role.values:
        raise ValidationError("unknown role")
    if department is not None:
        if institution is not None and department.institution_id != institution.pk:
            raise ValidationError("部门不属于所选学校。")
        institution = department.institution
    if role == Role.SUPERVISOR:
        institution = department = None
    _require_role_authority(actor, role, institution)
    existed = Membership.objects.filter(
        user=user, role=role, institution=institution, department=department, source=Source.MANUAL
    ).exists()
    membership = grant(user, role, institution=institution, department=department)
    if not existed:
        audit(
            actor,
            "role_granted",
            membership,
            f"授予 {user.get_username()} {membership.get_role_display()}（{_where(membership) or '全部学校'}）",
            user=user.pk,
            role=role,
            department=membership.department_id,
        )
    return membership


@transaction.atomic
def revoke(actor, membership: Membership) -> None:
    """Take a role away (the office of its institution; 督查: the platform administrator). A mapped role comes
    back at the person's next sign-in unless the mapping rules change."""
    from xxgk.core.audit import audit

    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("user", "department", "institution")
        .get(pk=membership.pk)
    )
    _require_role_authority(actor, membership.role, membership.institution)
    audit(
        actor,
        "role_revoked",
        membership,
        f"收回 {membership.user.get_username()} {membership.get_role_display()}（{_where(membership) or '全部学校'}）",
        user=membership.user_id,
        role=membership.role,
        department=membership.department_id,
        source=membership.source,
    )
    membership.delete()


def _where(membership: Membership) -> str:
    return str(membership.department or membership.institution or "")


@transaction.atomic
def apply_mapped_roles(user, institution: Institution | None, wanted, *, provider: str) -> tuple[list, list]:
    """Make `user`'s mapped roles exactly `wanted` (pairs of role and department or None), at a sign-in
    through the campus identity (xxgk/accounts applies the institution's mapping rules).

    Hand-granted roles are kept whatever the rules say (and a wanted role already held by hand stays
    hand-granted); mapped roles the person no longer matches are taken away, also those of another
    institution (the person now belongs to this one). Each role given or taken writes an audit event.
    The 督查 role is never mapped. Returns (added, removed) memberships."""
    from django.contrib.auth import get_user_model

    from xxgk.core.audit import audit

    get_user_model().objects.select_for_update().filter(pk=user.pk).first()  # one sign-in of a person at a time
    want: dict[tuple[str, int | None], Department | None] = {}
    for role, department in wanted:
        if role == Role.SUPERVISOR:
            raise ValueError("the supervisor role is granted by the platform administrator only")
        if institution is None or (department is not None and department.institution_id != institution.pk):
            raise ValueError(f"{department} is not a department of {institution}")
        want[(role, department.pk if department else None)] = department
    held = (
        Membership.objects.filter(user=user).exclude(role=Role.SUPERVISOR).select_related("department", "institution")
    )
    have = {}
    removed = []
    for m in held:
        if institution is not None and m.institution_id == institution.pk:
            have[(m.role, m.department_id)] = m
            if m.source == Source.MANUAL or (m.role, m.department_id) in want:
                continue
        elif m.source == Source.MANUAL:
            continue
        audit(
            None,
            "role_unmapped",
            m,
            f"{user.get_username()} 不再符合映射规则，收回{m.get_role_display()}（{_where(m)}）",
            provider=provider,
            user=user.pk,
            role=m.role,
            department=m.department_id,
        )
        removed.append(m)
        m.delete()
    added = []
    for (role, department_id), department in want.items():
        if (role, department_id) in have:
            continue
        membership = Membership(
            user=user, role=role, institution=institution, department=department, source=Source.MAPPED
        )
        membership.clean()
        membership.save()
        audit(
            None,
            "role_mapped",
            membership,
            f"{user.get_username()} 按映射规则获得{membership.get_role_display()}（{_where(membership)}）",
            provider=provider,
            user=user.pk,
            role=role,
            department=department_id,
        )
        added.append(membership)
    if hasattr(user, "_xxgk_grants"):
        del user._xxgk_grants
    return added, removed


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
