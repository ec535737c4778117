"""Signing in through the campus identity, and the office's mapping rules. Roles change only through
xxgk.org.services (apply_mapped_roles)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk.accounts.identity import institution_of, profile_from
from xxgk.accounts.mapping import wanted_roles
from xxgk.accounts.models import Attribute, IdentityLink, MappingRule
from xxgk.core.audit import audit
from xxgk.org.models import Department, Institution, Role
from xxgk.org.policy import require
from xxgk.org.services import apply_mapped_roles


def _free_username(base: str) -> str:
    User = get_user_model()
    base = base[:140]
    name, n = base, 1
    while User.objects.filter(username=name).exists():
        n += 1
        name = f"{base}-{n}"
    return name


@transaction.atomic
def sign_in(provider: str, subject: str, attributes: dict):
    """The account of the person the provider vouched for, made on their first sign-in (just in time, no
    manual step), with the roles the institution's mapping rules give them now. None for a deactivated
    account. The account's username is `subject@provider`, so it never meets a local account's."""
    subject = str(subject).strip()
    if not subject:
        return None
    profile = profile_from(provider, subject, attributes)
    institution = institution_of(profile)
    link = (
        IdentityLink.objects.select_for_update()
        .select_related("user")
        .filter(provider=provider, subject=subject)
        .first()
    )
    if link is None:
        user = get_user_model().objects.create_user(_free_username(f"{subject}@{provider}"))  # no usable password
        link = IdentityLink.objects.create(user=user, provider=provider, subject=subject)
        audit(
            None,
            "sso_account_created",
            link,
            f"首次统一身份认证登录，建立账号 {user.get_username()}",
            institution=institution,
            provider=provider,
            user=user.pk,
        )
    user = link.user
    if not user.is_active:
        return None
    changed = []
    if profile.name and user.first_name != profile.name[:150]:
        user.first_name = profile.name[:150]
        changed.append("first_name")
    if profile.email and user.email != profile.email[:254]:
        user.email = profile.email[:254]
        changed.append("email")
    if changed:
        user.save(update_fields=changed)
    link.institution = institution
    link.attributes = {str(k): v for k, v in attributes.items()}
    link.last_seen_at = timezone.now()
    link.save(update_fields=["institution", "attributes", "last_seen_at"])
    if institution is not None:
        rules = MappingRule.objects.filter(institution=institution).select_related("department")
        apply_mapped_roles(user, institution, wanted_roles(rules, profile), provider=provider)
    return user


def _check_rule(institution: Institution, attribute: str, value: str, department, role: str) -> None:
    if attribute not in Attribute.values:
        raise ValidationError({"attribute": _("请选择属性。")})
    if not value.strip():
        raise ValidationError({"value": _("请填写取值。")})
    if role and role not in Role.values:
        raise ValidationError({"role": _("请选择角色。")})
    if role == Role.SUPERVISOR:
        raise ValidationError({"role": _("督查角色只能由平台管理员授予，不能按规则映射。")})
    if department is not None and department.institution_id != institution.pk:
        raise ValidationError({"department": _("部门不属于本校。")})
    if not role and department is None:
        raise ValidationError(_("请选择部门或角色（或两者）。"))
    if role == Role.OFFICE_ADMIN and department is not None:
        raise ValidationError({"department": _("办公室管理员面向全校，不选部门。")})


@transaction.atomic
def add_rule(
    actor, institution: Institution, *, attribute: str, value: str, department: Department | None = None, role=""
) -> MappingRule:
    """The office adds a line to its institution's mapping; it applies from each person's next sign-in."""
    Institution.objects.select_for_update().filter(pk=institution.pk).first()
    require(actor, "manage", institution)
    _check_rule(institution, attribute, value, department, role or "")
    value = value.strip()
    if MappingRule.objects.filter(
        institution=institution, attribute=attribute, value=value, department=department, role=role or ""
    ).exists():
        raise ValidationError(_("已有相同的映射规则。"))
    rule = MappingRule.objects.create(
        institution=institution, attribute=attribute, value=value, department=department, role=role or ""
    )
    audit(actor, "mapping_rule_added", rule, f"新增映射规则：{rule}", attribute=attribute, value=value, role=role)
    return rule


@transaction.atomic
def remove_rule(actor, rule: MappingRule) -> None:
    """The office removes a line; people it gave roles lose them at their next sign-in."""
    rule = MappingRule.objects.select_for_update().select_related("institution", "department").get(pk=rule.pk)
    require(actor, "manage", rule.institution)
    audit(actor, "mapping_rule_removed", rule, f"删除映射规则：{rule}", attribute=rule.attribute, value=rule.value)
    rule.delete()
