"""Operations for other systems, with a token (Authorization: Bearer xxgk_…): write drafts into the
review chain, register paper applications, read the office's statistics. Each goes through the same
service functions and policy as the workbench, acting as the token's service account; a token can
never publish (there is no such operation) nor see another department's drafts."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import File, Query, Router
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.security import HttpBearer

from xxgk.api import tokens
from xxgk.api.models import ApiToken, Scope
from xxgk.api.public import attachment_out
from xxgk.api.schemas import (
    ApplicationIn,
    ApplicationOut,
    DraftIn,
    DraftOut,
    DraftPatch,
    Error,
    StatisticsOut,
    SubmitIn,
)
from xxgk.catalog.models import CatalogItem
from xxgk.foi import services as foi
from xxgk.org.policy import allowed
from xxgk.oversight import stats as oversight_stats
from xxgk.publishing import services as publishing
from xxgk.publishing.models import FindingStatus, Record
from xxgk.reporting import stats as reporting_stats


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str) -> ApiToken | None:
        found = tokens.authenticate(token)
        if found is not None:
            request.user = found.user  # the service account: the policy decides as for a person
            request.api_token = found
        return found


router = Router(tags=["需要令牌"], auth=TokenAuth())
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


def _need(request, scope: str) -> ApiToken:
    token: ApiToken = request.auth
    if scope not in token.scopes:
        raise HttpError(403, f"令牌没有“{Scope(scope).label}”权限")
    return token


def _items(institution, numbers):
    if numbers is None:
        return None
    found = list(CatalogItem.objects.filter(institution=institution, number__in=numbers))
    missing = set(numbers) - {i.number for i in found}
    if missing:
        raise HttpError(422, f"没有这些目录事项：{'、'.join(sorted(missing))}")
    return found


def _draft(request, record_id: int) -> Record:
    visible = allowed(request.user, "view", Record).filter(Q(institution=request.auth.institution))
    return get_object_or_404(visible.select_related("department", "step"), pk=record_id)


def draft_out(request, r: Record) -> dict:
    return {
        "id": r.pk,
        "title": r.title,
        "state": r.state,
        "step": r.step.name if r.step_id else None,
        "department": r.department.code,
        "revision": r.revision,
        "attachments": [attachment_out(request, r, a, public=r.is_public) for a in r.attachments.defer("text")],
        "findings": r.findings.filter(status=FindingStatus.OPEN).count(),
    }


@router.get("/drafts", response={200: list[DraftOut], **ERRORS}, summary="本令牌可编辑的草稿")
def drafts(request):
    _need(request, Scope.DRAFTS)
    qs = allowed(request.user, "edit", Record).filter(institution=request.auth.institution)
    return [draft_out(request, r) for r in qs.select_related("department", "step").order_by("-pk")[:200]]


@router.post("/drafts", response={201: DraftOut, **ERRORS}, summary="拟稿")
def create_draft(request, payload: DraftIn):
    token = _need(request, Scope.DRAFTS)
    if token.department_id:
        department = token.department
        if payload.department and payload.department != department.code:
            raise HttpError(403, "部门令牌只能为本部门拟稿")
    else:
        if not payload.department:
            raise HttpError(422, "请用 department 写明部门代码")
        department = get_object_or_404(token.institution.departments.all(), code=payload.department)
    data = payload.dict(exclude={"department", "items"})
    record = publishing.create_draft(request.user, department, data, items=_items(token.institution, payload.items))
    return 201, draft_out(request, record)


@router.get("/drafts/{record_id}", response={200: DraftOut, **ERRORS}, summary="一份草稿")
def get_draft(request, record_id: int):
    _need(request, Scope.DRAFTS)
    return draft_out(request, _draft(request, record_id))


@router.patch("/drafts/{record_id}", response={200: DraftOut, **ERRORS}, summary="修改草稿")
def update_draft(request, record_id: int, payload: DraftPatch):
    token = _need(request, Scope.DRAFTS)
    record = _draft(request, record_id)
    data = payload.dict(exclude_unset=True, exclude={"items", "expected_revision"})
    data = {k: v for k, v in data.items() if v is not None}
    items = _items(token.institution, payload.items)
    record = publishing.update_draft(
        request.user, record, data, items=items, expected_revision=payload.expected_revision
    )
    return draft_out(request, record)


@router.post("/drafts/{record_id}/attachments", response={201: DraftOut, **ERRORS}, summary="上传附件（随后自动筛查）")
def upload(request, record_id: int, file: UploadedFile = File(...)):
    _need(request, Scope.DRAFTS)
    record = _draft(request, record_id)
    publishing.add_attachment(request.user, record, file)
    return 201, draft_out(request, _draft(request, record_id))


@router.post("/drafts/{record_id}/submit", response={200: DraftOut, **ERRORS}, summary="提交审核（进入审核流程）")
def submit(request, record_id: int, payload: SubmitIn):
    _need(request, Scope.DRAFTS)
    record = _draft(request, record_id)
    record = publishing.submit(
        request.user, record, comment=payload.comment, expected_revision=payload.expected_revision
    )
    return draft_out(request, record)


@router.post("/applications", response={201: ApplicationOut, **ERRORS}, summary="登记信函、当面或传真提交的申请")
def register_application(request, payload: ApplicationIn):
    token = _need(request, Scope.APPLICATIONS)
    data = payload.dict(exclude={"channel", "received_on"})
    receipt = foi.register(
        request.user, token.institution, data, channel=payload.channel, received_on=payload.received_on
    )
    app = receipt.application
    return 201, {
        "code": app.code,
        "received_on": app.received_on,
        "due_on": app.due_on,
        "due_provisional": not app.due_certain,
    }


@router.get("/statistics", response={200: StatisticsOut, **ERRORS}, summary="本校统计")
def statistics(request, start: date = Query(...), end: date = Query(...)):
    token = _need(request, Scope.STATISTICS)
    if end < start or (end - start).days > 3660:
        raise HttpError(422, "统计期间无效：end 不能早于 start，且不超过十年")
    institution = token.institution
    apps = reporting_stats.applications(institution, start, end)
    published = Record.objects.published(institution).filter(published_at__date__range=(start, end)).count()
    mail = oversight_stats.reply_total(institution, start, end, today=timezone.localdate())
    return {
        "period_start": start,
        "period_end": end,
        "records_published": published,
        "applications_new": apps.new,
        "applications_carried_in": apps.carried_in,
        "applications_closed": apps.closed,
        "applications_carried_out": apps.carried_out,
        "applications_on_time_rate": apps.on_time_rate,
        "letters_received": mail.received,
    }
