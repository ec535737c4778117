"""The office's 体检报告 of an imported old site, one-click masking of an imported record, and starting an
import from an uploaded .zip of the saved site (`uploads.py`)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xxgk import jobs
from xxgk.core.transitions import Conflict
from xxgk.org.choice import chosen_institution
from xxgk.publishing import services as publishing
from xxgk.siteimport import health, tasks, uploads
from xxgk.siteimport.models import ImportedPage, SiteUpload
from xxgk.workbench.views import staff_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_required
def report(request):
    institution = chosen_institution(request, "manage")
    reports, total = health.report(institution)
    context = {"institution": institution, "reports": reports, "total": total, "tab": "siteimport"}
    return render(request, "siteimport/health.html", {**context, **_upload_context(institution)})


def _upload_context(institution) -> dict:
    upload = uploads.latest(institution)
    check = jobs.latest(uploads.check_key(upload)) if upload is not None else None
    job = tasks.latest(institution)
    return {
        "institution": institution,
        "upload": upload,
        "check": check,
        "job": job,
        "waiting": bool((check and check.waiting) or (job and job.waiting)),
        "max_mb": settings.XXGK_SITE_IMPORT_MAX_BYTES // (1024 * 1024),
    }


@staff_required
def upload_status(request):
    """What the page shows about the latest upload and import, which site.js asks for until it is done."""
    institution = chosen_institution(request, "manage")
    return render(request, "siteimport/_upload.html", _upload_context(institution))


@staff_required
@require_POST
def upload(request):
    institution = chosen_institution(request, "manage")
    uploaded = request.FILES.get("archive")
    if uploaded is None:
        messages.error(request, _("请选择要上传的 .zip 压缩包。"))
    else:
        try:
            uploads.receive(request.user, institution, uploaded)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("已上传，正在后台解压并检查；完成后本页列出将导入的文章，确认后再导入。"))
    return redirect(f"{reverse('siteimport_staff:report')}?i={institution.slug}#site-upload")


@staff_required
@require_POST
def start_import(request, pk: int):
    institution = chosen_institution(request, "manage")
    row = get_object_or_404(SiteUpload, pk=pk, institution=institution)
    try:
        uploads.start_import(request.user, row)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("已开始在后台导入，本页显示进度。"))
    return redirect(f"{reverse('siteimport_staff:report')}?i={institution.slug}#site-upload")


@staff_required
def report_xlsx(request):
    institution = chosen_institution(request, "manage")
    response = HttpResponse(health.xlsx(institution), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="site-health-{institution.slug}.xlsx"'
    return response


@staff_required
@require_POST
def mask(request, pk: int):
    """Mask every maskable finding of one imported record; the public page changes at once."""
    institution = chosen_institution(request, "manage")
    page = get_object_or_404(ImportedPage.objects.select_related("record"), pk=pk, institution=institution)
    try:
        done, left = publishing.mask_all(request.user, page.record)
    except (ValidationError, Conflict) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        text = _("“%(title)s”已屏蔽 %(n)s 处，公开页面已更新。") % {"title": page.record.title, "n": done}
        if left:
            messages.warning(request, text + _("另有 %(n)s 处无法自动屏蔽，请在信息页面处理。") % {"n": len(left)})
        else:
            messages.success(request, text)
    return redirect(f"{reverse('siteimport_staff:report')}?i={institution.slug}")
