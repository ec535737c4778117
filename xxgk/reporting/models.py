"""Figures that are not records, procurement results, department paragraphs and the annual report."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xxgk.org.models import Department, Institution


class ReportSection(models.Model):
    """A part of the annual report or an area of 主动公开 (rules as data: data/report_sections.json)."""

    class Kind(models.TextChoices):
        SECTION = "section", _("报告部分")
        AREA = "area", _("主动公开领域")

    key = models.SlugField(_("代码"), max_length=30, unique=True)
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices)
    number = models.CharField(_("编号"), max_length=10, blank=True)
    title = models.CharField(_("标题"), max_length=100)
    order = models.PositiveSmallIntegerField(_("排序"))
    required = models.BooleanField(_("必备"), default=False)
    verified = models.BooleanField(_("依据已核实"), default=True)
    key_area = models.BooleanField(_("重点领域"), default=False)
    basis = models.CharField(_("依据"), max_length=200, blank=True)
    source = models.CharField(_("数据来源"), max_length=30, blank=True)
    default_text = models.TextField(_("默认文字"), blank=True)
    category = models.PositiveSmallIntegerField(_("对应清单类别"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "order"]
        verbose_name = _("年报部分")
        verbose_name_plural = _("年报部分")

    def __str__(self) -> str:
        return self.title


class Qualifier(models.TextChoices):
    EXACT = "", _("（准确数）")
    NEAR = "near", _("近")
    ABOUT = "about", _("约")
    OVER = "over", _("超过")
    MORE = "more", _("余（如30余个）")


class YearlyFigure(models.Model):
    """A figure a department enters for a period that no record counts (E答咨询量 110982 人次)."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="yearly_figures")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="yearly_figures", verbose_name=_("填报部门")
    )
    section = models.SlugField(_("所属部分"), max_length=30)
    label = models.CharField(_("名称"), max_length=100)
    value = models.DecimalField(_("数值"), max_digits=16, decimal_places=2)
    unit = models.CharField(_("单位"), max_length=10, blank=True)
    qualifier = models.CharField(_("约数"), max_length=10, choices=Qualifier.choices, default="", blank=True)
    period_start = models.DateField(_("起始日期"))
    period_end = models.DateField(_("截止日期"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=100)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["institution", "section", "order", "id"]
        indexes = [models.Index(fields=["institution", "period_start", "period_end"])]
        verbose_name = _("年度数据")
        verbose_name_plural = _("年度数据")

    def __str__(self) -> str:
        return f"{self.label} {self.phrase}"

    @property
    def number_text(self) -> str:
        v = self.value.normalize() if self.value == self.value.to_integral() else self.value
        return f"{v:f}" if isinstance(v, Decimal) else str(v)

    @property
    def phrase(self) -> str:
        """The figure as the report prints it: 近10000人次, 超过59家, 30余个."""
        n = self.number_text
        if self.value == self.value.to_integral():
            n = str(int(self.value))
        if self.qualifier == Qualifier.MORE:
            return f"{n}余{self.unit}"
        prefix = {"near": "近", "about": "约", "over": "超过"}.get(self.qualifier, "")
        return f"{prefix}{n}{self.unit}"


class ProcurementKind(models.TextChoices):
    GOODS = "goods", _("货物")
    SERVICES = "services", _("服务")
    WORKS = "works", _("工程")


class ProcurementResult(models.Model):
    """A completed procurement project (成交), counted and summed by the report."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="procurements")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="procurements", verbose_name=_("填报部门")
    )
    project = models.CharField(_("项目名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=10, choices=ProcurementKind.choices)
    amount = models.DecimalField(_("成交金额（元）"), max_digits=16, decimal_places=2)
    completed_on = models.DateField(_("成交日期"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["institution", "completed_on", "id"]
        indexes = [models.Index(fields=["institution", "completed_on"])]
        verbose_name = _("采购结果")
        verbose_name_plural = _("采购结果")

    def __str__(self) -> str:
        return self.project


class SectionParagraph(models.Model):
    """A department's (or the office's, department empty) paragraph for one area of one period's report."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="report_paragraphs")
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report_paragraphs",
        verbose_name=_("部门"),
    )
    period_start = models.DateField(_("起始日期"))
    period_end = models.DateField(_("截止日期"))
    section = models.SlugField(_("所属部分"), max_length=30)
    text = models.TextField(_("内容"))
    order = models.PositiveSmallIntegerField(_("排序"), default=100)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["institution", "section", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "department", "period_start", "section"], name="section_paragraph_unique"
            )
        ]
        verbose_name = _("部门段落")
        verbose_name_plural = _("部门段落")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    FINAL = "final", _("定稿")


class AnnualReportQuerySet(models.QuerySet):
    def published(self, start=None, end=None) -> AnnualReportQuerySet:
        """Reports published as a record the public may see (`publishing.models.published_q`), of one period
        if given, with their record."""
        from xxgk.publishing.models import published_q

        scope = {"period_start": start, "period_end": end} if start is not None else {}
        return self.filter(published_q("record"), **scope).select_related("record", "institution")


class AnnualReport(models.Model):
    """One institution's report for one period: the office's narrative; the figures are always computed."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="annual_reports")
    period_start = models.DateField(_("起始日期"))
    period_end = models.DateField(_("截止日期"))
    state = models.CharField(_("状态"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT)
    narrative = models.JSONField(
        _("各部分文字"),
        default=dict,
        blank=True,
        help_text="section or area key -> the office's text, replacing the generated one",
    )
    generated_at = models.DateTimeField(null=True, blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    record = models.ForeignKey(
        "publishing.Record",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("发布的信息"),
    )
    revision = models.PositiveIntegerField(default=0)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        ordering = ["institution", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "period_start", "period_end"], name="annual_report_period_unique"
            )
        ]
        verbose_name = _("信息公开年度报告")
        verbose_name_plural = _("信息公开年度报告")

    def __str__(self) -> str:
        return f"{self.institution} {self.period_label}"

    @property
    def period_label(self) -> str:
        return f"{self.period_start.year}—{self.period_end.year}学年"
