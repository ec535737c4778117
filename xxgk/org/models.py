"""Institutions, their departments, and who holds which role where."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

RESERVED_SLUGS = {"admin", "accounts", "staff", "static", "media", "i18n", "api", "feed", "search", "sitemap.xml"}


def validate_slug_not_reserved(value: str) -> None:
    from django.core.exceptions import ValidationError

    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(_("“%(slug)s”是系统保留的网址，请换一个。"), params={"slug": value})


class Institution(models.Model):
    """A university hosted by this deployment. Every other row belongs to one."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    code = models.CharField(_("代码"), max_length=20, unique=True, help_text=_("用于索引号，如 HNTOU"))
    slug = models.SlugField(_("网址标识"), max_length=40, unique=True, validators=[validate_slug_not_reserved])
    # The guide's contact facts (信息公开指南).
    office_name = models.CharField(_("信息公开工作机构"), max_length=100, default="党政办公室")
    address = models.CharField(_("通讯地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    website = models.URLField(_("网站"), blank=True)
    # Rules as data, editable by the office.
    index_format = models.CharField(
        _("索引号格式"),
        max_length=100,
        default="{code}-{category}-{year}-{seq:04d}",
        help_text=_("可用字段：{code} 学校代码、{category} 类别号（两位）、{dept} 部门代码、{year} 年份、{seq} 序号"),
    )
    timeliness_days = models.PositiveSmallIntegerField(
        _("主动公开时限（工作日）"), default=20, help_text=_("信息形成或变更后应在多少个工作日内公开")
    )
    # Screening (隐私屏蔽): what the institution publishes itself is not personal data.
    screening_allow_list = models.TextField(
        _("筛查白名单"),
        blank=True,
        help_text=_("本校公开的联系电话、热线、邮箱等，每行一个；学校电话和邮箱自动包含在内"),
    )
    student_number_pattern = models.CharField(
        _("学号格式（正则表达式）"), max_length=100, blank=True, help_text=_("例如 20\\d{8}；留空则按“学号”字样识别")
    )
    mask_styles = models.JSONField(
        _("屏蔽方式"),
        default=dict,
        blank=True,
        help_text=_('按类型设定，如 {"id_card": "keep_ends", "person_name": "name"}'),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("学校")
        verbose_name_plural = _("学校")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="departments")
    name = models.CharField(_("名称"), max_length=100)
    code = models.SlugField(_("代码"), max_length=30)
    is_office = models.BooleanField(_("是信息公开工作机构"), default=False)
    order = models.PositiveSmallIntegerField(_("排序"), default=100)

    class Meta:
        ordering = ["institution", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "code"], name="department_code_unique"),
            models.UniqueConstraint(fields=["institution", "name"], name="department_name_unique"),
        ]
        verbose_name = _("部门")
        verbose_name_plural = _("部门")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    DRAFTER = "drafter", _("信息员")
    CHECKER = "checker", _("审核人")
    SECRECY = "secrecy", _("保密审查员")
    SIGNER = "signer", _("签发人")
    OFFICE_ADMIN = "office_admin", _("办公室管理员")
    SUPERVISOR = "supervisor", _("督查")


class Source(models.TextChoices):
    """How a membership came to be: granted by hand (the admin, the office) or by the institution's
    mapping rules at a sign-in through the campus identity (xxgk/accounts). Mapped roles follow the
    rules at every sign-in; a hand-granted role is never taken away by them."""

    MANUAL = "manual", _("手工授予")
    MAPPED = "mapped", _("按规则映射")


class Membership(models.Model):
    """A role held by a person.

    - Department roles (信息员, 审核人, 保密审查员, 签发人) name a department; a
      reviewer role held without a department acts for the whole institution.
    - 办公室管理员 names an institution and no department.
    - 督查 names neither: a read-only supervisor across every institution of the
      deployment (a provincial education department).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices, default=Source.MANUAL)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "institution", "department"], name="membership_unique"),
        ]
        verbose_name = _("角色分配")
        verbose_name_plural = _("角色分配")

    def __str__(self) -> str:
        where = self.department or self.institution or _("全部学校")
        return f"{self.user} · {self.get_role_display()} · {where}"

    def save(self, *args, **kwargs):
        if self.department_id and not self.institution_id:
            self.institution_id = self.department.institution_id
        super().save(*args, **kwargs)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.department_id and self.institution_id and self.department.institution_id != self.institution_id:
            raise ValidationError(_("部门不属于所选学校。"))
        if self.role == Role.SUPERVISOR and (self.institution_id or self.department_id):
            raise ValidationError(_("督查角色不限定学校或部门。"))
        if self.role != Role.SUPERVISOR and not self.institution_id:
            raise ValidationError(_("请选择学校。"))
        if self.role == Role.DRAFTER and not self.department_id:
            raise ValidationError(_("信息员必须属于一个部门。"))
