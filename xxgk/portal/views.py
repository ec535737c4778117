"""The public side: only published records, never a staff-only field."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from xxgk.catalog.models import ChecklistCategory
from xxgk.org.models import Institution
from xxgk.publishing.models import Attachment, Record, RecordState


def published(institution):
    return Record.objects.filter(institution=institution, state=RecordState.PUBLISHED)


def deployment(request):
    institutions = Institution.objects.annotate(
        published=Count("records", filter=Q(records__state=RecordState.PUBLISHED))
    ).order_by("name")
    return render(request, "portal/deployment.html", {"institutions": institutions})


def home(request, slug: str):
    institution = get_object_or_404(Institution, slug=slug)
    latest = published(institution).select_related("department").order_by("-published_at")[:15]
    categories = ChecklistCategory.objects.annotate(
        records=Count("catalog_items__records", distinct=True,
                      filter=Q(catalog_items__institution=institution,
                               catalog_items__records__state=RecordState.PUBLISHED))
    ).order_by("number")
    return render(request, "portal/home.html", {"institution": institution, "latest": latest,
                                                "categories": categories})


def record(request, slug: str, pk: int):
    institution = get_object_or_404(Institution, slug=slug)
    rec = get_object_or_404(published(institution).select_related("department"), pk=pk)
    return render(request, "portal/record.html", {
        "institution": institution, "record": rec,
        "items": rec.items.select_related("category"),
        "attachments": rec.attachments.all(),
        "versions": rec.versions.all(),
    })


def attachment(request, slug: str, pk: int, attachment_pk: int):
    institution = get_object_or_404(Institution, slug=slug)
    rec = get_object_or_404(published(institution), pk=pk)
    att = get_object_or_404(Attachment, pk=attachment_pk, record=rec)
    try:
        handle = att.file.open("rb")
    except FileNotFoundError:
        raise Http404("file missing")
    inline = att.content_type in {"application/pdf", "image/jpeg", "image/png"}
    return FileResponse(handle, as_attachment=not inline, filename=att.name, content_type=att.content_type)
