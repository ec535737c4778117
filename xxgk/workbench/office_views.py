"""The office's own pages: its catalog, its channels and tallies, its settings. Office administrators only."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from xxgk.catalog import services as catalog_services
from xxgk.catalog.models import CatalogItem
from xxgk.core.forms import add_service_errors
from xxgk.core.models import AuditEvent
from xxgk.org.choice import chosen_institution
from xxgk.org.models import Institution
from xxgk.org.services import update_institution
from xxgk.publishing import services as publishing_services
from xxgk.publishing.models import Channel, ChannelTally, published_q
from xxgk.workbench.office_forms import CatalogItemForm, ChannelForm, InstitutionForm, OwnItemForm, TallyForm
from xxgk.workbench.views import staff_required


@staff_required
def catalog(request):
    institution = chosen_institution(request, "manage")
    items = (
        CatalogItem.objects.filter(institution=institution)
        .select_related("category", "checklist_item")
        .prefetch_related("departments")
        .annotate(
            published=Count("records", filter=published_q("records")),
            last=Max("records__published_at", filter=published_q("records")),
        )
        .order_by("category__number", "order")
    )
    return render(request, "workbench/catalog.html", {"institution": institution, "items": items, "tab": "catalog"})


@staff_required
def catalog_item(request, pk: int):
    institution = chosen_institution(request, "manage")
    item = get_object_or_404(CatalogItem, pk=pk, institution=institution)
    initial = {"title": item.title, "active": item.active, "departments": item.departments.all()}
    form = CatalogItemForm(request.POST or None, institution=institution, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            catalog_services.update_item(
                request.user,
                item,
                title=form.cleaned_data["title"],
                departments=form.cleaned_data["departments"],
                active=form.cleaned_data["active"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("目录事项已保存。"))
            return redirect("workbench:catalog")
    return render(
        request,
        "workbench/office_form.html",
        {
            "form": form,
            "tab": "catalog",
            "heading": _("修改目录事项 %(n)s") % {"n": item.number},
            "note": item.checklist_item
            and _("《清单》原文：%(t)s（核实程度 %(v)s）。有关文件：%(docs)s")
            % {
                "t": item.checklist_item.title,
                "v": item.checklist_item.verification,
                "docs": "；".join(f"{d['title']}（{d['verification']}）" for d in item.checklist_item.documents_shown)
                or _("尚未核实，待对照《清单》原件补录"),
            },
            "back": "workbench:catalog",
        },
    )


@staff_required
def catalog_new(request):
    institution = chosen_institution(request, "manage")
    form = OwnItemForm(request.POST or None, institution=institution)
    if request.method == "POST" and form.is_valid():
        try:
            item = catalog_services.add_own_item(
                request.user,
                institution,
                category=form.cleaned_data["category"],
                title=form.cleaned_data["title"],
                departments=form.cleaned_data["departments"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已新增自设事项 %(n)s。") % {"n": item.number})
            return redirect("workbench:catalog")
    return render(
        request,
        "workbench/office_form.html",
        {
            "form": form,
            "tab": "catalog",
            "heading": _("新增自设公开事项"),
            "note": _("《高等学校信息公开办法》允许学校在《清单》之外确定其他需要主动公开的事项。"),
            "back": "workbench:catalog",
        },
    )


@staff_required
def channels(request):
    institution = chosen_institution(request, "manage")
    channel_form = ChannelForm(request.POST if request.POST.get("form") == "channel" else None, institution=institution)
    tally_form = TallyForm(request.POST if request.POST.get("form") == "tally" else None, institution=institution)
    if request.method == "POST":
        form = channel_form if request.POST.get("form") == "channel" else tally_form
        if form.is_valid():
            data = form.cleaned_data
            try:
                if form is channel_form:
                    publishing_services.create_channel(
                        request.user,
                        institution,
                        name=data["name"],
                        kind=data["kind"],
                        department=data["department"],
                        url=data["url"],
                        logged_individually=data["logged_individually"],
                    )
                else:
                    publishing_services.enter_tally(
                        request.user,
                        data["channel"],
                        period_start=data["period_start"],
                        period_end=data["period_end"],
                        count=data["count"],
                        note=data["note"],
                    )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("已保存。"))
                return redirect("workbench:channels")
    rows = (
        Channel.objects.filter(institution=institution)
        .select_related("department")
        .annotate(postings_count=Count("postings"))
        .order_by("order", "name")
    )
    tallies = ChannelTally.objects.filter(channel__institution=institution).select_related("channel")[:200]
    return render(
        request,
        "workbench/channels.html",
        {
            "institution": institution,
            "channels": rows,
            "tallies": tallies,
            "channel_form": channel_form,
            "tally_form": tally_form,
            "tab": "channels",
        },
    )


@staff_required
def settings_page(request):
    institution = chosen_institution(request, "manage")
    form = InstitutionForm(request.POST or None, instance=Institution.objects.get(pk=institution.pk))
    if request.method == "POST" and form.is_valid():
        try:
            update_institution(request.user, institution, **{k: form.cleaned_data[k] for k in form.changed_data})
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("学校设置已保存。"))
            return redirect("workbench:settings")
    audit_rows = AuditEvent.objects.filter(institution=institution).select_related("actor")[:30]
    return render(
        request,
        "workbench/office_form.html",
        {
            "form": form,
            "tab": "settings",
            "heading": _("学校设置与信息公开指南"),
            "audit": audit_rows,
            "note": _("这些信息用于信息公开指南和公开页面的联系方式；索引号格式和主动公开时限是本校规则。"),
        },
    )
