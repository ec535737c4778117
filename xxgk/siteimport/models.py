"""Which page of an old site became which record, so that importing again changes nothing twice."""

from __future__ import annotations

from django.conf import settings
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


class UploadState(models.TextChoices):
    CHECKING = "checking", _("解压检查中")
    PLANNED = "planned", _("待确认导入")
    REJECTED = "rejected", _("无法导入")
    IMPORTING = "importing", _("已开始导入")


class SiteUpload(models.Model):
    """A .zip of a saved old site the office uploaded on the 旧网站体检 page (`uploads.py`): kept in a private
    folder (XXGK_SITE_IMPORT_DIR/<id>/, never under MEDIA_ROOT), unpacked and read by a job that shows the
    plan (the dry run), then imported by the same job as `xxgk import-site --background` when confirmed."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("上传人")
    )
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveBigIntegerField(_("大小"))
    sha256 = models.CharField(max_length=64)
    state = models.CharField(_("状态"), max_length=10, choices=UploadState.choices, default=UploadState.CHECKING)
    error = models.TextField(_("原因"), blank=True)
    plan = models.JSONField(default=dict, blank=True)  # the dry run's summary: counts and the articles
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    import_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    import_requested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("上传的旧网站")
        verbose_name_plural = _("上传的旧网站")

    def __str__(self) -> str:
        return self.name
