"""Who signs in and how: links to the campus identity, the office's mapping rules, the login history.

Roles themselves are memberships of xxgk.org; this app changes them only through org's services."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import RegexValidator
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


class IdentityProvider(models.Model):
    """An institution's own campus identity (a province deployment: one provider per institution, edited by
    the platform administrator in the admin). Whoever signs in through it belongs to its institution. The
    OIDC client secret is never stored: `secret_variable` names the environment variable that holds it."""

    institution = models.OneToOneField(
        Institution, on_delete=models.CASCADE, related_name="identity_provider", verbose_name=_("单位")
    )
    kind = models.CharField(
        _("协议"), max_length=10, choices=[(Provider.CAS, "CAS"), (Provider.OIDC, "OpenID Connect")]
    )
    label = models.CharField(_("按钮文字"), max_length=60, blank=True, help_text=_("留空时为“单位名称 统一身份认证”。"))
    server_url = models.URLField(
        _("服务地址"),
        help_text=_(
            "CAS：服务器地址，如 https://cas.example.edu.cn/cas/；OIDC：发现地址（…/.well-known/openid-configuration）。"
        ),
    )
    cas_version = models.CharField(_("CAS 协议版本"), max_length=1, choices=[("2", "2.0"), ("3", "3.0")], default="3")
    client_id = models.CharField(_("OIDC 客户端标识"), max_length=200, blank=True)
    secret_variable = models.CharField(
        _("OIDC 客户端密钥所在的环境变量"),
        max_length=100,
        blank=True,
        validators=[RegexValidator(r"^[A-Z][A-Z0-9_]*$", _("环境变量名只含大写字母、数字和下划线。"))],
        help_text=_("密钥只放在服务器环境中，不存入数据库，也不随数据导出。"),
    )
    enabled = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["institution__name"]
        verbose_name = _("单位统一身份认证")
        verbose_name_plural = _("单位统一身份认证")

    def __str__(self) -> str:
        return f"{self.institution} · {self.get_kind_display()}"

    @property
    def key(self) -> str:
        """The provider's name in IdentityLink.provider and in usernames: kind and institution."""
        return f"{self.kind}:{self.institution.slug}"[:40]


class IdentityLink(models.Model):
    """A person as the campus identity provider knows them: the provider's subject (CAS user, OIDC sub)
    and the attributes it released at the last sign-in, with the institution they were placed in."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identity_links")
    # "cas", "oidc" (the deployment-wide provider), or "cas:<slug>", "oidc:<slug>" (an institution's own)
    provider = models.CharField(_("认证方式"), max_length=40)
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

    @property
    def provider_label(self) -> str:
        kind = self.provider.split(":", 1)[0]
        return Provider(kind).label if kind in Provider.values else self.provider


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


class Outcome(models.TextChoices):
    SIGNED_IN = "ok", _("登录成功")
    LOCKED = "locked", _("密码多次错误，已锁定")
    UNLOCKED = "unlocked", _("办公室解除锁定")


class LoginEvent(models.Model):
    """One sign-in, or a lockout after repeated failures, or its lifting: when, how and from where (the
    office sees a person's history)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_events")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    method = models.CharField(_("方式"), max_length=10, choices=Provider.choices)
    address = models.GenericIPAddressField(_("地址"), null=True, blank=True)
    outcome = models.CharField(_("结果"), max_length=10, choices=Outcome.choices, default=Outcome.SIGNED_IN)

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
