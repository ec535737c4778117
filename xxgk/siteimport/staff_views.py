"""The office's 体检报告 of an imported old site, and one-click masking of an imported record."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xxgk.core.transitions import Conflict
from xxgk.org.choice import chosen_institution
from xxgk.publishing import services as publishing
from xxgk.siteimport import health, tasks
from xxgk.siteimport.models import ImportedPage
from xxgk.workbench.views import staff_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_required
def report(request):
    institution = chosen_institution(request, "manage")
    reports, total = health.report(institution)
    context = {"institution": institution, "reports": reports, "total": total, "tab": "siteimport"}
    return render(request, "siteimport/health.html", {**context, "job": tasks.latest(institution)})


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
