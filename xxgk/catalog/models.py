"""The disclosure catalog: the Ministry's 清单 and each institution's own copy of it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xxgk.org.models import Department, Institution

ANNUAL_REPORT_ITEM = 6  # the 清单 item (信息公开年度报告) the annual report is published under


class Verification(models.TextChoices):
    A = "A", _("A：编号和文字均已核实")
    B = "B", _("B：文字已核实，编号凭记忆")
    C = "C", _("C：仅凭记忆，待核对")


# how sure we are of a document named in 有关文件 (reference/regulations.md's three levels)
DOCUMENT_VERIFICATION = {"已核实": _("已核实"), "部分核实": _("部分核实"), "未核实": _("未核实")}


class ChecklistCategory(models.Model):
    """One of the 清单's 10 categories (national, loaded from the data file)."""

    number = models.PositiveSmallIntegerField(_("编号"), unique=True)
    name = models.CharField(_("名称"), max_length=50)

    class Meta:
        ordering = ["number"]
        verbose_name = _("清单类别")
        verbose_name_plural = _("清单类别")

    def __str__(self) -> str:
        return self.name

    @property
    def code(self) -> str:
        return f"{self.number:02d}"


class ChecklistItem(models.Model):
    """One of the 清单's 50 items as the Ministry published it (national, versioned data)."""

    category = models.ForeignKey(ChecklistCategory, on_delete=models.PROTECT, related_name="items")
    number = models.PositiveSmallIntegerField(_("编号"), unique=True)
    title = models.TextField(_("事项"))
    verification = models.CharField(_("核实程度"), max_length=1, choices=Verification.choices)
    verification_note = models.CharField(_("核实说明"), max_length=200, blank=True)
    legal_basis = models.TextField(_("有关文件"), blank=True)
    # the documents of 有关文件 that are known, each {"title", "verification": 已核实/部分核实/未核实, "basis"}
    documents = models.JSONField(_("有关文件（含核实程度）"), default=list, blank=True)
    data_version = models.CharField(_("数据版本"), max_length=20)

    class Meta:
        ordering = ["number"]
        verbose_name = _("清单事项")
        verbose_name_plural = _("清单事项")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def documents_shown(self) -> list[dict]:
        """有关文件 with each document's verification level as a visitor reads it."""
        return [
            {"title": d["title"], "verification": DOCUMENT_VERIFICATION.get(d.get("verification"), _("未核实"))}
            for d in self.documents or []
        ]

    def documents_public(self) -> list[str]:
        """The titles of the 有关文件 a visitor is shown: only those verified against the source; how far
        the others are verified is a note for the workbench, not the public."""
        return [d["title"] for d in self.documents or [] if d.get("verification") == "已核实"]


class CatalogItem(models.Model):
    """An item of an institution's catalog: its copy of a 清单 item, or its own item (办法第八条).

    The office may edit the title; `checklist_item` keeps the link to the
    national item for coverage and the annual report's 附表.
    """

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="catalog_items")
    category = models.ForeignKey(ChecklistCategory, on_delete=models.PROTECT, related_name="catalog_items")
    checklist_item = models.ForeignKey(
        ChecklistItem, on_delete=models.PROTECT, null=True, blank=True, related_name="catalog_items"
    )
    number = models.CharField(_("编号"), max_length=10, help_text=_("清单事项为 1–50；自设事项如 X1"))
    title = models.TextField(_("事项"))
    departments = models.ManyToManyField(
        Department, blank=True, related_name="catalog_items", verbose_name=_("责任部门")
    )
    order = models.PositiveIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["institution", "order"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "number"], name="catalog_item_number_unique"),
            models.UniqueConstraint(
                fields=["institution", "checklist_item"],
                condition=models.Q(checklist_item__isnull=False),
                name="catalog_item_checklist_unique",
            ),
        ]
        verbose_name = _("目录事项")
        verbose_name_plural = _("目录事项")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def is_own(self) -> bool:
        return self.checklist_item_id is None
