"""Who signs in and how: links to the campus identity, the office's mapping rules, the login history.

Roles themselves are memberships of xxgk.org; this app changes them only through org's services."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

from xxgk.org.models import Department, Institution, Role


class Provider(models.TextChoices):
    LOCAL = "local", _("本地账号")
    CAS = "cas", _("统一身份认证（CAS）")
    OIDC = "oidc", _("统一身份认证（OIDC）")


class Person(get_user_model()):
    """A user as the office's people screens and the policy see them (a proxy: no table of its own)."""

    class Meta:
        proxy = True
        verbose_name = _("人员")
        verbose_name_plural = _("人员")


class IdentityLink(models.Model):
    """A person as the campus identity provider knows them: the provider's subject (CAS user, OIDC sub)
    and the attributes it released at the last sign-in, with the institution they were placed in."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identity_links")
    provider = models.CharField(_("认证方式"), max_length=10, choices=Provider.choices)
    subject = models.CharField(_("认证标识"), max_length=255)
    institution = models.ForeignKey(
        Institution, on_delete=models.SET_NULL, null=True, blank=True, related_name="identity_links"
    )
    attributes = models.JSONField(_("最近一次登录的属性"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "subject"], name="identity_link_unique")]
        verbose_name = _("统一身份认证账号")
        verbose_name_plural = _("统一身份认证账号")


class Attribute(models.TextChoices):
    """What a mapping rule looks at; each is read from the provider's attribute named in the settings
    (CAS_ATTRIBUTES, OIDC_CLAIMS)."""

    EMPLOYEE_ID = "employee_id", _("工号")
    DEPARTMENT_CODE = "department_code", _("部门代码")
    CATEGORY = "category", _("人员类别")
    GROUP = "groups", _("用户组")


class MappingRule(models.Model):
    """One line of an institution's mapping: a person whose `attribute` has `value` is placed in
    `department` (a rule without a role), or holds `role` (in the rule's department; without one, in every
    department the person is placed in; 办公室管理员 for the institution)."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="mapping_rules")
    attribute = models.CharField(_("属性"), max_length=20, choices=Attribute.choices)
    value = models.CharField(_("取值"), max_length=200)
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mapping_rules",
        verbose_name=_("部门"),
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["institution", "attribute", "value", "id"]
        verbose_name = _("映射规则")
        verbose_name_plural = _("映射规则")

    def __str__(self) -> str:
        target = " · ".join(str(x) for x in (self.department, self.get_role_display()) if x)
        return f"{self.get_attribute_display()} {self.value} → {target}"


class LoginEvent(models.Model):
    """One successful sign-in: when, how and from where (the office sees a person's history)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_events")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    method = models.CharField(_("方式"), max_length=10, choices=Provider.choices)
    address = models.GenericIPAddressField(_("地址"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("登录记录")
        verbose_name_plural = _("登录记录")


class Invitation(models.Model):
    """A local account the office made for someone (by e-mail, with a link to set the password)."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("电子邮箱"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("邀请人")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(_("设置密码时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("邀请")
        verbose_name_plural = _("邀请")
