"""The staff workbench: 我的待办, drafts, the record editor, review actions and history.

Views stay thin: they read through `xxgk.org.policy` and change through
`xxgk.publishing.services`.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xxgk.core import xlsx
from xxgk.core.forms import add_service_errors
from xxgk.core.params import int_param, page_param
from xxgk.core.serving import file_response
from xxgk.org.models import Department, Institution, Role
from xxgk.org.policy import allowed, can, require
from xxgk.publishing import screening_gate, screening_jobs, services
from xxgk.publishing.models import (
    Attachment,
    FindingStatus,
    Record,
    RecordState,
    ScreeningFinding,
    ScreeningState,
)
from xxgk.publishing.timeliness import outlook, timeliness
from xxgk.publishing.uploads import allowed_labels
from xxgk.workbench.forms import AttachmentForm, CommentForm, PostingForm, ReasonForm, RecordForm
from xxgk.workbench.todo import overseen_overdue, tasks_of_request
from xxgk.workcalendar.calendar import calendar_for, current_calendar

RECORD_ACTIONS = {
    "submit": (services.submit, CommentForm, gettext_lazy("已提交审核。")),
    "approve": (services.approve, CommentForm, gettext_lazy("已审核通过。")),
    "return": (services.return_for_changes, CommentForm, gettext_lazy("已退回修改。")),
    "publish": (services.publish, CommentForm, gettext_lazy("已发布。")),
    "withdraw": (services.withdraw, ReasonForm, gettext_lazy("已撤回。")),
}


# What waits for whom (我的待办): for each action, the records on which it waits for the person
# allowed to do it. A draft not yet submitted waits for nobody; it is under 草稿.
def staff_required(view):
    """Signed in and holding at least one role; otherwise 403."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        require(request.user, "workbench")
        return view(request, *args, **kwargs)

    return wrapped


def _visible(user):
    return allowed(user, "view", Record).select_related("department", "institution", "step")


def _get_record(user, pk: int, action: str = "view") -> Record:
    record = get_object_or_404(Record.objects.select_related("department", "institution", "step"), pk=pk)
    require(user, action, record)
    return record


@staff_required
def todo(request):
    today = timezone.localdate()
    tasks = tasks_of_request(request)
    mine = {t.key for t in tasks}
    overseen = [t for t in overseen_overdue(request.user, today) if t.key not in mine]
    return render(request, "workbench/todo.html", {"tasks": tasks, "overseen": overseen, "today": today, "tab": "todo"})


@staff_required
def drafts(request):
    own = allowed(request.user, "view", Record).drafting().filter(created_by=request.user)
    on_desk = allowed(request.user, "revise", Record)  # drafts and returned records of their departments
    records = (own | on_desk).select_related("department", "institution", "step").order_by("-state_changed_at")
    return render(request, "workbench/drafts.html", {"records": records, "tab": "drafts"})


def _listed(request):
    """全部信息 as filtered by the page: the records this person may see, by state and by title or index number."""
    records = _visible(request.user).order_by("-state_changed_at", "-id")
    state = request.GET.get("state", "")
    if state in RecordState.values:
        records = records.filter(state=state)
    q = request.GET.get("q", "").strip()
    if q:
        records = records.filter(Q(title__icontains=q) | Q(index_number__icontains=q))
    return records, state, q


@staff_required
def record_list(request):
    records, state, q = _listed(request)
    per = 50
    page = page_param(request.GET.get("page"))
    total = records.count()
    rows = records[(page - 1) * per : page * per]
    return render(
        request,
        "workbench/records.html",
        {
            "records": rows,
            "tab": "records",
            "states": RecordState.choices,
            "state": state,
            "q": q,
            "page": page,
            "has_next": page * per < total,
            "total": total,
        },
    )


@staff_required
def record_list_xlsx(request):
    """The same list as XLSX: every row the filters select (not only the page shown)."""
    records, _state, _q = _listed(request)
    rows = (
        [
            r.index_number,
            r.title,
            r.department.name,
            r.institution.short_name or r.institution.name,
            r.get_state_display(),
            r.step.name if r.step else "",
            r.formed_on,
            r.published_at,
            r.state_changed_at,
        ]
        for r in records.iterator(chunk_size=500)
    )
    headings = [
        _("索引号"),
        _("标题"),
        _("发布机构"),
        _("学校"),
        _("状态"),
        _("当前环节"),
        _("生成日期"),
        _("发布日期"),
        _("最近变动"),
    ]
    return xlsx.response(f"records-{timezone.localdate():%Y%m%d}.xlsx", _("全部信息"), headings, rows)


def _drafting_departments(user):
    return allowed(user, "draft", Department).select_related("institution").order_by("institution", "order")


@staff_required
def record_new(request):
    departments = _drafting_departments(request.user)
    if not departments:
        raise PermissionDenied("no department to draft for")
    institution = departments[0].institution
    form = RecordForm(request.POST or None, institution=institution, departments=departments)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.create_draft(
                request.user, form.cleaned_data["department"], form.content(), items=form.cleaned_data["items"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("草稿已保存。"))
            return redirect("workbench:record", pk=record.pk)
    return render(request, "workbench/edit.html", {"form": form, "record": None})


@staff_required
def record_edit(request, pk: int):
    record = _get_record(request.user, pk, "edit")
    form = RecordForm(request.POST or None, instance=record, institution=record.institution, departments=None)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(
                request.user,
                record,
                form.content(),
                items=list(form.cleaned_data["items"]),
                expected_revision=int_param(request.POST.get("revision")),
            )
        except services.Conflict as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("workbench:record", pk=record.pk)
    return render(request, "workbench/edit.html", {"form": form, "record": record})


@staff_required
def record_correct(request, pk: int):
    record = _get_record(request.user, pk, "correct")
    form = RecordForm(request.POST or None, instance=record, institution=record.institution, departments=None)
    reason_form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and reason_form.is_valid():
        try:
            services.correct(
                request.user,
                record,
                form.content(),
                reason=reason_form.cleaned_data["reason"],
                expected_revision=int_param(request.POST.get("revision")),
            )
        except services.Conflict as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已更正，原内容保留在更正记录中。"))
            return redirect("workbench:record", pk=record.pk)
    return render(
        request, "workbench/edit.html", {"form": form, "record": record, "reason_form": reason_form, "correcting": True}
    )


#: Findings shown per page of a record (a record may carry thousands).
FINDINGS_PER_PAGE = 50


def _findings_page(request, record):
    """One page of the record's findings, with the counts per kind (all and still open) above them."""
    from django.core.paginator import Paginator

    findings = record.findings.select_related("attachment", "resolved_by").defer("attachment__text")
    page = Paginator(findings.order_by("attachment_id", "field", "id"), FINDINGS_PER_PAGE).get_page(
        page_param(request.GET.get("page"))
    )
    masked_here: set[int] = set()
    for f in page:
        f.kind_label = screening_gate.KIND_LABELS.get(f.kind, f.kind)
        # one masking button per attachment (it masks the whole file), on its first maskable row
        f.mask_button = f.status == FindingStatus.OPEN and f.kind not in screening_gate.NOT_MASKABLE
        if f.attachment_id is not None and f.mask_button:
            f.mask_button = f.attachment_id not in masked_here and not f.attachment.is_archive and not f.in_picture
            masked_here.add(f.attachment_id)
    counts: dict[str, dict] = {}
    for row in record.findings.values("kind", "status").annotate(n=Count("id")).order_by("kind"):
        entry = counts.setdefault(
            row["kind"], {"kind": row["kind"], "label": screening_gate.KIND_LABELS.get(row["kind"], row["kind"])}
        )
        entry["total"] = entry.get("total", 0) + row["n"]
        if row["status"] == FindingStatus.OPEN:
            entry["open"] = entry.get("open", 0) + row["n"]
    by_kind = sorted(counts.values(), key=lambda e: (-e.get("open", 0), -e["total"], e["kind"]))
    return page, by_kind


def _publication_outlook(user, record):
    """The publication limit as it stands today, for whoever decides to publish: the person who can publish
    and the 签发人 at the 审签 step."""
    signing = (
        record.state == RecordState.IN_REVIEW
        and record.step_id is not None
        and record.step.role == Role.SIGNER
        and can(user, "approve", record)
    )
    if not (signing or can(user, "publish", record)):
        return None
    return outlook(record, calendar_for(record.institution), timezone.localdate())


@staff_required
def record_detail(request, pk: int):
    record = _get_record(request.user, pk)
    user = request.user
    findings, findings_by_kind = _findings_page(request, record)
    attachments = list(record.attachments.defer("text"))
    actions = [a for a in ("submit", "approve", "return", "publish") if can(user, a, record)]
    timely = timeliness(record, current_calendar()) if record.published_at else None
    ahead = _publication_outlook(user, record)
    response = render(
        request,
        "workbench/record.html",
        {
            "record": record,
            "events": record.events.select_related("actor").order_by("at", "id"),
            "versions": record.versions.all(),
            "attachments": attachments,
            "screening_pending": [a for a in attachments if a.screening != ScreeningState.DONE],
            "postings": record.postings.select_related("channel"),
            "actions": actions,
            "can_edit": can(user, "edit", record),
            "can_attach": can(user, "attach", record),
            "can_correct": can(user, "correct", record),
            "can_withdraw": can(user, "withdraw", record),
            "can_post": can(user, "post", record),
            "comment_form": CommentForm(initial={"revision": record.revision}),
            "reason_form": ReasonForm(initial={"revision": record.revision}),
            "attachment_form": AttachmentForm(),
            "upload_types": allowed_labels(),
            "posting_form": PostingForm(institution=record.institution) if can(user, "post", record) else None,
            "timeliness": timely,
            "outlook": ahead,
            "findings": findings,
            "findings_by_kind": findings_by_kind,
            "open_findings": sum(e.get("open", 0) for e in findings_by_kind),
            "not_maskable": screening_gate.NOT_MASKABLE,
            "not_overridable": screening_gate.NOT_OVERRIDABLE,
            "can_mask": can(user, "mask", record),
            "can_override": can(user, "override", record),
        },
    )
    screening_jobs.requeue_stale(record)  # pending work lost with a process is queued again, once drawn
    return response


@staff_required
@require_POST
def record_act(request, pk: int, action: str):
    if action not in RECORD_ACTIONS:
        return HttpResponseNotAllowed(["POST"])
    func, form_class, done = RECORD_ACTIONS[action]
    record = _get_record(request.user, pk, action)
    form = form_class(request.POST)
    form.is_valid()
    data = form.cleaned_data
    kwargs = {"expected_revision": data.get("revision")}
    if action == "withdraw":
        kwargs["reason"] = data.get("reason", "")
    elif action != "publish":
        kwargs["comment"] = data.get("comment", "")
    try:
        func(request.user, record, **kwargs)
    except services.Conflict as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    if action in {"approve", "return", "publish"} and not can(request.user, "view", record):
        return redirect("workbench:todo")
    return redirect("workbench:record", pk=record.pk)


@staff_required
@require_POST
def attachment_upload(request, pk: int):
    record = _get_record(request.user, pk, "attach")
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
    else:
        try:
            attachment = services.add_attachment(request.user, record, form.cleaned_data["file"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("附件“%(name)s”已上传。") % {"name": attachment.name})
    return redirect("workbench:record", pk=record.pk)


@staff_required
@require_POST
def attachment_delete(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.select_related("record"), pk=pk)
    record = attachment.record
    require(request.user, "attach", record)
    services.remove_attachment(request.user, attachment)
    messages.success(request, _("附件已删除。"))
    return redirect("workbench:record", pk=record.pk)


@staff_required
def attachment_download(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.select_related("record"), pk=pk)
    require(request.user, "view", attachment.record)
    return file_response(attachment.file, filename=attachment.name, content_type=attachment.content_type)


@staff_required
@require_POST
def posting_add(request, pk: int):
    record = _get_record(request.user, pk, "post")
    form = PostingForm(request.POST, institution=record.institution)
    if form.is_valid():
        try:
            services.add_posting(
                request.user,
                record,
                form.cleaned_data["channel"],
                posted_on=form.cleaned_data["posted_on"],
                url=form.cleaned_data["url"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("已登记发布渠道。"))
    else:
        messages.error(request, _("请选择渠道并填写正确的发布日期和链接。"))
    return redirect("workbench:record", pk=record.pk)


@staff_required
def institutions(request):
    """The institutions the user may see on the staff side (one for most staff, all for a supervisor)."""
    rows = allowed(request.user, "view_staff", Institution)
    return render(request, "workbench/institutions.html", {"institutions": rows, "tab": "institutions"})


def _attachment_masking(finding) -> bool:
    """The finding's attachment is having its masked copy made by the background worker."""
    return finding.record.attachments.filter(pk=finding.attachment_id, screening=ScreeningState.MASKING).exists()


@staff_required
@require_POST
def finding_mask(request, pk: int):
    finding = get_object_or_404(ScreeningFinding.objects.select_related("record"), pk=pk)
    require(request.user, "mask", finding.record)
    try:
        services.mask_finding(request.user, finding)
    except services.Conflict as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if finding.attachment_id and _attachment_masking(finding):
            messages.success(request, _("已提交屏蔽：正在后台生成屏蔽副本，完成后将重新筛查，请稍后刷新本页查看。"))
        else:
            messages.success(request, _("已屏蔽。"))
    return redirect(f"{reverse('workbench:record', args=[finding.record_id])}#findings-h")


@staff_required
@require_POST
def finding_override(request, pk: int):
    finding = get_object_or_404(ScreeningFinding.objects.select_related("record"), pk=pk)
    require(request.user, "override", finding.record)
    try:
        services.override_finding(request.user, finding, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("已忽略该筛查结果，理由已记入办理记录。"))
    return redirect(f"{reverse('workbench:record', args=[finding.record_id])}#findings-h")
