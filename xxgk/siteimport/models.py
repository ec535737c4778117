"""Which page of an old site became which record, so that importing again changes nothing twice."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xxgk.org.models import Institution


class ImportedPage(models.Model):
    """One article page of an old site, imported as a published record."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(_("页面路径"), max_length=500, help_text=_("在保存的网站目录中的相对路径"))
    source_url = models.URLField(_("原网址"), max_length=1000, blank=True)
    record = models.ForeignKey("publishing.Record", on_delete=models.CASCADE, related_name="+")
    content_hash = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("导入的页面")
        verbose_name_plural = _("导入的页面")
        constraints = [models.UniqueConstraint(fields=["institution", "path"], name="imported_page_unique")]

    def __str__(self) -> str:
        return self.path
