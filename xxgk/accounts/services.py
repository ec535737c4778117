"""Signing in through the campus identity, and the office's mapping rules. Roles change only through
xxgk.org.services (apply_mapped_roles)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk.accounts.identity import institution_of, profile_from
from xxgk.accounts.mapping import wanted_roles
from xxgk.accounts.models import Attribute, IdentityLink, MappingRule
from xxgk.core.audit import audit
from xxgk.org.models import Department, Institution, Role
from xxgk.org.policy import Grants, require
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
def sign_in(provider: str, subject: str, attributes: dict, idp=None):
    """The account of the person the provider vouched for, made on their first sign-in (just in time, no
    manual step), with the roles the institution's mapping rules give them now. None for a deactivated
    account. The account's username is `subject@provider`, so it never meets a local account's. Through an
    institution's own provider (`idp`), `provider` is its key ("cas:<slug>") and the institution is its own."""
    subject = str(subject).strip()
    if not subject or len(subject) > 255:  # IdentityLink.subject; no provider's user id is that long
        return None
    profile = profile_from(provider, subject, attributes)
    institution = institution_of(profile, idp)
    link = (
        IdentityLink.objects.select_for_update()
        .select_related("user")
        .filter(provider=provider, subject=subject)
        .first()
    )
    if link is None:
        try:
            with transaction.atomic():  # the same person's first sign-in in two tabs at once: one makes the account
                user = get_user_model().objects.create_user(
                    _free_username(f"{subject}@{provider.replace(':', '.')}")
                )  # no password
                link = IdentityLink.objects.create(user=user, provider=provider, subject=subject)
        except IntegrityError:
            link = (
                IdentityLink.objects.select_for_update().select_related("user").get(provider=provider, subject=subject)
            )
        else:
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
    rules = MappingRule.objects.filter(institution=institution).select_related("department") if institution else []
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
    rule = (
        MappingRule.objects.select_for_update(of=("self",)).select_related("institution", "department").get(pk=rule.pk)
    )
    require(actor, "manage", rule.institution)
    audit(actor, "mapping_rule_removed", rule, f"删除映射规则：{rule}", attribute=rule.attribute, value=rule.value)
    rule.delete()


# The office's people screen. Roles change through xxgk.org.services (grant_by, revoke), which check that the
# actor runs the role's institution; here, that the person is one of the office's people.


def _person(user):
    from xxgk.accounts.models import Person

    return user if isinstance(user, Person) else Person.objects.get(pk=user.pk)


@transaction.atomic
def grant_role(actor, person, role: str, *, institution: Institution, department: Department | None = None):
    """The office gives one of its people a role in its institution (hand-granted: the rules keep it)."""
    from xxgk.org.services import grant_by

    person = _person(person)
    require(actor, "manage", person)
    return grant_by(actor, person, role, institution=institution, department=department)


@transaction.atomic
def revoke_role(actor, person, membership) -> None:
    from xxgk.org.services import revoke

    person = _person(person)
    require(actor, "manage", person)
    if membership.user_id != person.pk:
        raise ValidationError(_("该角色不属于此人。"))
    revoke(actor, membership)


@transaction.atomic
def set_active(actor, person, active: bool):
    """Stop (or let again) an account signing in, by any method; its open sessions end with it."""
    from xxgk.accounts.rules import institutions_of

    person = _person(person)
    get_user_model().objects.select_for_update().filter(pk=person.pk).first()
    require(actor, "deactivate", person)
    if person.is_active == active:
        return person
    person.is_active = active
    person.save(update_fields=["is_active"])
    institution = Institution.objects.filter(pk__in=institutions_of(person)).order_by("pk").first()
    audit(
        actor,
        "person_activated" if active else "person_deactivated",
        person,
        f"{'恢复' if active else '停用'}账号 {person.get_username()}",
        institution=institution,
        user=person.pk,
    )
    return person


@transaction.atomic
def invite(
    actor,
    institution: Institution,
    *,
    email: str,
    name: str,
    role: str,
    department: Department | None = None,
    origin: str,
):
    """The office makes a local account for `email` with a role in its institution and e-mails a link to
    set the password (valid PASSWORD_RESET_TIMEOUT, once). `origin` is the site's address for the link."""
    from django.conf import settings
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from xxgk.accounts.models import Invitation
    from xxgk.notify.services import queue
    from xxgk.org.services import grant_by

    Institution.objects.select_for_update().filter(pk=institution.pk).first()
    require(actor, "manage", institution)
    if not settings.XXGK_LOCAL_LOGIN:
        raise ValidationError(_("本部署已关闭本地账号登录，请通过统一身份认证和映射规则为其分配角色。"))
    email = email.strip().lower()
    User = get_user_model()
    if User.objects.filter(username__iexact=email).exists() or User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("该邮箱已有账号，请在人员名单中为其授予角色。")})
    user = User.objects.create_user(email, email=email, first_name=name.strip()[:150])  # no usable password yet
    membership = grant_by(actor, user, role, institution=institution, department=department)
    invitation = Invitation.objects.create(institution=institution, user=user, email=email, invited_by=actor)
    audit(
        actor, "person_invited", invitation, f"邀请 {email} 设置密码（{membership.get_role_display()}）", user=user.pk
    )
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    queue(
        "accounts.invitation",
        institution=institution,
        to=email,
        about=invitation,
        context={
            "name": user.first_name or email,
            "username": email,
            "inviter": actor.get_full_name() or actor.first_name or actor.get_username(),
            "role": membership.get_role_display(),
            "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
            "link": origin + reverse("accounts:set_password", args=[uid, token]),
        },
    )
    return invitation


@transaction.atomic
def unlock(actor, person) -> int:
    """The office lifts a person's login lockout (every address) before it runs out; recorded in the login
    history and as an audit event. The number of lockout counters cleared."""
    from axes.models import AccessAttempt

    from xxgk.accounts.models import LoginEvent, Outcome, Provider
    from xxgk.accounts.rules import institutions_of

    person = _person(person)
    get_user_model().objects.select_for_update().filter(pk=person.pk).first()
    require(actor, "manage", person)
    cleared, _detail = AccessAttempt.objects.filter(username=person.get_username()).delete()
    LoginEvent.objects.create(user=person, method=Provider.LOCAL, outcome=Outcome.UNLOCKED)
    offices = Grants.of(actor).office_ids
    institution = Institution.objects.filter(pk__in=institutions_of(person) & offices).order_by("pk").first()
    audit(
        actor,
        "login_unlocked",
        person,
        f"解除 {person.get_username()} 的登录锁定",
        institution=institution,
        user=person.pk,
    )
    return cleared


@transaction.atomic
def reset_two_factor(actor, person) -> None:
    """The office clears a person's authenticator and recovery codes (a lost phone): their open sessions
    lose their verification and they set up a new authenticator at their next sign-in. Only an office that
    runs every institution the person belongs to (as for deactivating), never for a 督查."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from xxgk.accounts.rules import institutions_of

    person = _person(person)
    get_user_model().objects.select_for_update().filter(pk=person.pk).first()
    require(actor, "deactivate", person)
    TOTPDevice.objects.filter(user=person).delete()
    StaticDevice.objects.filter(user=person).delete()
    institution = Institution.objects.filter(pk__in=institutions_of(person)).order_by("pk").first()
    audit(
        actor,
        "two_factor_reset",
        person,
        f"重置 {person.get_username()} 的动态口令和恢复码，下次登录时须重新绑定",
        institution=institution,
        user=person.pk,
    )
