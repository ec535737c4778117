"""The audit trail of staff actions on things other than records, and the public forms already used."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """A staff action on something other than a record (catalog, channels, settings, roles)."""

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, null=True, related_name="+")
    actor = models.ForeignKey("auth.User", on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=50)
    object_type = models.CharField(max_length=50)
    object_id = models.CharField(max_length=50, blank=True)
    summary = models.CharField(max_length=300)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["institution", "id"])]
        verbose_name = _("操作记录")
        verbose_name_plural = _("操作记录")

    def __str__(self) -> str:
        return self.summary


class FormUse(models.Model):
    """A public form's signed token, used once (see core/once.py): what its first submission made."""

    digest = models.CharField(max_length=64, unique=True)  # sha256 of scope and token; the token is not kept
    result = models.CharField(max_length=100)
    sealed = models.CharField(max_length=200, blank=True)  # a one-time secret, readable only with the token
    at = models.DateTimeField(auto_now_add=True, db_index=True)
