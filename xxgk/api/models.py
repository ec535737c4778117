"""Tokens the office gives to other systems, and every use of them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xxgk.org.models import Department, Institution


class Scope(models.TextChoices):
    DRAFTS = "drafts", _("拟稿、上传附件、提交审核")
    APPLICATIONS = "applications", _("登记信函、当面提交的依申请公开申请")
    STATISTICS = "statistics", _("读取本校统计")


#: A department's token writes only its department's drafts.
DEPARTMENT_SCOPES = frozenset({Scope.DRAFTS})


class ApiToken(models.Model):
    """A key for one system: of an institution or one of its departments, allowed only its scopes.

    The key is shown once when issued; only its SHA-256 is kept (`key_hash`), found by its `prefix`.
    It acts as its own service account (`user`, which cannot sign in), holding the role the scopes
    need, so every call goes through the same services and policy as the workbench."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(Department, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    name = models.CharField(_("用途"), max_length=100)
    scopes = models.JSONField(_("权限范围"), default=list)
    prefix = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_token")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["institution", "-created_at"]
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def scope_labels(self) -> list[str]:
        return [str(Scope(s).label) for s in self.scopes if s in Scope.values]

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class ApiTokenUse(models.Model):
    """One call made with a token."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="uses")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=300)
    status = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["-at", "-id"]
