"""Issuing, revoking and checking API tokens.

A key reads `xxgk_<prefix>_<secret>`: the prefix finds the row, the secret's SHA-256 is compared in
constant time (the secret is 32 random bytes, so a plain hash is enough; nothing slower is needed).
Each token acts as its own service account, which cannot sign in: a department's token is that
department's 信息员, an institution's token its office — the scopes then say which of the API's
operations it may call at all, and the policy decides each call as it does in the workbench.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk.api.models import DEPARTMENT_SCOPES, ApiToken, ApiTokenUse, Scope
from xxgk.core.audit import audit
from xxgk.core.transitions import lock
from xxgk.org.models import Role
from xxgk.org.policy import require
from xxgk.org.services import grant

KEY_PREFIX = "xxgk"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@transaction.atomic
def issue(actor, institution, *, name: str, scopes, department=None) -> tuple[ApiToken, str]:
    """A new token and its key (the only time the key is known)."""
    require(actor, "manage", institution)
    name = (name or "").strip()[:100]
    scopes = sorted(set(scopes or ()))
    if not name:
        raise ValidationError({"name": _("请写明令牌的用途，例如“教务系统同步”。")})
    if not scopes or not set(scopes) <= set(Scope.values):
        raise ValidationError({"scopes": _("请至少选择一项权限范围。")})
    if department is not None:
        if department.institution_id != institution.pk:
            raise ValidationError({"department": _("部门不属于本校。")})
        if not set(scopes) <= DEPARTMENT_SCOPES:
            raise ValidationError({"scopes": _("部门令牌只能拟稿、上传附件和提交审核。")})
    prefix = secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    user = get_user_model().objects.create_user(f"api-{prefix}", first_name=_("接口：%(name)s") % {"name": name})
    user.set_unusable_password()
    user.save(update_fields=["password"])
    if department is not None:
        grant(user, Role.DRAFTER, department=department)
    else:
        grant(user, Role.OFFICE_ADMIN, institution=institution)
    token = ApiToken.objects.create(
        institution=institution,
        department=department,
        name=name,
        scopes=scopes,
        prefix=prefix,
        key_hash=_hash(secret),
        user=user,
        created_by=actor,
    )
    audit(actor, "api_token_issued", token, _("签发接口令牌“%(name)s”") % {"name": name}, scopes=scopes)
    return token, f"{KEY_PREFIX}_{prefix}_{secret}"


@transaction.atomic
def revoke(actor, token: ApiToken) -> ApiToken:
    token = lock(token)
    require(actor, "manage", token)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        get_user_model().objects.filter(pk=token.user_id).update(is_active=False)
        audit(actor, "api_token_revoked", token, _("吊销接口令牌“%(name)s”") % {"name": token.name})
    return token


def authenticate(key: str) -> ApiToken | None:
    """The active token this key belongs to, else None."""
    parts = (key or "").strip().split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not parts[1] or not parts[2] or len(key) > 200:
        _hash("x" * 43)  # the same work either way
        return None
    token = (
        ApiToken.objects.select_related("institution", "department", "user")
        .filter(prefix=parts[1], revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        _hash(parts[2])
        return None
    return token if hmac.compare_digest(token.key_hash, _hash(parts[2])) else None


def record_use(token: ApiToken, method: str, path: str, status: int) -> None:
    now = timezone.now()
    ApiTokenUse.objects.create(token=token, method=method[:10], path=path[:300], status=status)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
