"""Read-only operations anyone may call, without a token: what the portal shows, as data."""

from __future__ import annotations

import base64
from datetime import date, datetime

from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Query, Router
from ninja.errors import HttpError

from xxgk.api.schemas import (
    AnnualReportOut,
    CatalogItemOut,
    Error,
    InstitutionOut,
    NationalTableOut,
    RecordDetailOut,
    RecordPage,
)
from xxgk.catalog.models import CatalogItem
from xxgk.core.site import site_origin
from xxgk.foi import stats as foi_stats
from xxgk.org.models import Institution
from xxgk.publishing.models import Record, RecordEvent
from xxgk.reporting.models import AnnualReport

router = Router(tags=["公开数据"])
MAX_LIMIT = 100


def _text_param(value: str | None) -> str | None:
    """A query parameter as the database can hold it: one with a NUL character is refused (400)."""
    if value is not None and "\x00" in value:
        raise HttpError(400, "参数中含有无法处理的字符")
    return value


def _institution(slug: str) -> Institution:
    return get_object_or_404(Institution, slug=_text_param(slug))


def _abs(request, path: str) -> str:
    return site_origin(request) + path


def record_out(request, r: Record) -> dict:
    return {
        "id": r.pk,
        "title": r.title,
        "index_number": r.index_number,
        "doc_number": r.doc_number,
        "department": r.department.name,
        "items": [i.number for i in r.items.all()],
        "formed_on": r.formed_on,
        "published_at": r.published_at,
        "summary": r.summary,
        "url": _abs(request, reverse("portal:record", args=[r.institution.slug, r.pk])),
    }


def attachment_out(request, r: Record, a, *, public: bool = True) -> dict:
    url = reverse("portal:attachment", args=[r.institution.slug, r.pk, a.pk]) if public else ""
    return {"id": a.pk, "name": a.name, "size": a.size, "type": a.type_label, "url": _abs(request, url) if url else ""}


@router.get("/institutions", response=list[InstitutionOut], summary="学校列表")
def institutions(request):
    return [
        {
            "slug": i.slug,
            "name": i.name,
            "short_name": i.short_name,
            "code": i.code,
            "website": i.website,
            "url": _abs(request, reverse("portal:home", args=[i.slug])),
        }
        for i in Institution.objects.order_by("name")
    ]


@router.get("/institutions/{slug}/catalog", response={200: list[CatalogItemOut], 404: Error}, summary="信息公开目录")
def catalog(request, slug: str):
    institution = _institution(slug)
    items = (
        CatalogItem.objects.filter(institution=institution, active=True)
        .select_related("category", "checklist_item")
        .prefetch_related("departments")
        .order_by("category__number", "order", "id")
    )
    return [
        {
            "number": i.number,
            "title": i.title,
            "category": i.category.name,
            "checklist_item": i.checklist_item.number if i.checklist_item else None,
            "departments": [d.name for d in i.departments.all()],
            "url": _abs(request, reverse("portal:item", args=[slug, i.number])),
        }
        for i in items
    ]


def _cursor(value: str | None) -> tuple[datetime, int] | None:
    if not value:
        return None
    try:
        at, pk = base64.urlsafe_b64decode(value.encode("ascii") + b"==").decode("ascii").split("|")
        return datetime.fromisoformat(at), int(pk)
    except (ValueError, UnicodeError):
        raise HttpError(400, "cursor 无效：请使用上一页返回的 next_cursor") from None


def _next_cursor(r: Record) -> str:
    raw = f"{r.published_at.isoformat()}|{r.pk}".encode("ascii")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


@router.get("/institutions/{slug}/records", response={200: RecordPage, 400: Error, 404: Error}, summary="已公开的信息")
def records(
    request,
    slug: str,
    item: str | None = Query(None, description="目录事项编号"),
    department: str | None = Query(None, description="部门代码"),
    published_from: date | None = None,
    published_to: date | None = None,
    updated_since: datetime | None = Query(None, description="此时刻之后有变动（发布、更正、屏蔽等）的信息"),
    cursor: str | None = None,
    limit: int = Query(20, ge=1, le=MAX_LIMIT),
):
    institution = _institution(slug)
    item, department, cursor = _text_param(item), _text_param(department), _text_param(cursor)
    qs = Record.objects.published(institution).select_related("department", "institution")
    if item:
        qs = qs.filter(items__number=item)
    if department:
        qs = qs.filter(department__code=department)
    if published_from:
        qs = qs.filter(published_at__date__gte=published_from)
    if published_to:
        qs = qs.filter(published_at__date__lte=published_to)
    if updated_since:
        qs = qs.filter(Exists(RecordEvent.objects.filter(record=OuterRef("pk"), at__gte=updated_since)))
    position = _cursor(cursor)
    if position:
        at, pk = position
        qs = qs.filter(Q(published_at__lt=at) | Q(published_at=at, pk__lt=pk))
    page = list(qs.order_by("-published_at", "-pk").prefetch_related("items").distinct()[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    return {"results": [record_out(request, r) for r in page], "next_cursor": _next_cursor(page[-1]) if more else None}


@router.get(
    "/institutions/{slug}/records/{record_id}", response={200: RecordDetailOut, 404: Error}, summary="一条信息及附件"
)
def record(request, slug: str, record_id: int):
    institution = _institution(slug)
    r = get_object_or_404(
        Record.objects.published(institution).select_related("department", "institution"), pk=record_id
    )
    out = record_out(request, r)
    out["body"] = r.body
    out["attachments"] = [attachment_out(request, r, a) for a in r.attachments.defer("text").order_by("pk")]
    return out


def _published_reports(institution):
    reports = AnnualReport.objects.filter(institution=institution, record__isnull=False).select_related("record")
    return [a for a in reports.order_by("-period_start") if a.record.is_public]


@router.get(
    "/institutions/{slug}/annual-reports", response={200: list[AnnualReportOut], 404: Error}, summary="年度报告"
)
def annual_reports(request, slug: str):
    institution = _institution(slug)
    return [
        {
            "id": a.pk,
            "period_start": a.period_start,
            "period_end": a.period_end,
            "title": a.record.title,
            "published_at": a.record.published_at,
            "record": a.record_id,
            "url": _abs(request, reverse("portal:record", args=[slug, a.record_id])),
        }
        for a in _published_reports(institution)
    ]


@router.get(
    "/institutions/{slug}/annual-reports/{report_id}/applications-table",
    response={200: NationalTableOut, 404: Error},
    summary="年度报告的依申请公开情况表（全国统一格式）",
)
def applications_table(request, slug: str, report_id: int):
    institution = _institution(slug)
    report = next((a for a in _published_reports(institution) if a.pk == report_id), None)
    if report is None:
        raise HttpError(404, "没有这份已公开的年度报告")
    table = foi_stats.national_table(institution, report.period_start, report.period_end)
    return {
        "period_start": report.period_start,
        "period_end": report.period_end,
        "columns": [[key, label] for key, label in foi_stats.COLUMNS],
        "rows": [
            {"key": r.key, "label": r.label, "level": r.level, "counts": r.counts, "total": r.total} for r in table.rows
        ],
        "balanced": table.balanced,
    }
