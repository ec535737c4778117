"""The office's side: list (due soon and overdue first), register, detail with every action, statistics,
letter templates and rules. Views stay thin: reads through the policy, changes through `services`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xxgk.core import periods, xlsx
from xxgk.core.forms import add_service_errors
from xxgk.foi import consultations, forms, guidance, notices, reply_files, services
from xxgk.foi.loader import ensure_letter_templates, ensure_notice_templates, ensure_reply_types, rules_for
from xxgk.foi.models import Application, LetterTemplate, Notice, NoticeTemplate, ReplyFile, State
from xxgk.foi.public_views import file_response, letter_response, notice_response
from xxgk.foi.stats import days_with_data, national_table, to_xlsx
from xxgk.notify.models import Message
from xxgk.org.choice import chosen_institution
from xxgk.org.models import Institution
from xxgk.org.policy import allowed, can, require
from xxgk.publishing import screening_gate
from xxgk.publishing.models import ScreeningState
from xxgk.publishing.uploads import allowed_labels
from xxgk.workbench.views import staff_required
from xxgk.workcalendar.calendar import calendars
from xxgk.workdays import STATUS_LABELS

STATUS_TEXT = {**STATUS_LABELS, "awaiting_correction": "待补正", "closed": "已办结"}


def _managed(user):
    return allowed(user, "manage", Institution).order_by("name")


def _get(user, pk: int, action: str = "view") -> Application:
    app = get_object_or_404(Application.objects.select_related("institution", "department"), pk=pk)
    require(user, action, app)
    return app


def _listed(request):
    """The list as the page filters it: what this person may see, open (due first) or closed (latest first)."""
    show = request.GET.get("show", "open")
    qs = allowed(request.user, "view", Application).select_related("institution", "department")
    if show == "closed":
        qs = qs.closed().order_by("-closed_on", "-id")
    else:
        qs = qs.open().order_by(F("due_on").asc(nulls_last=True), "received_on", "id")
    return qs, show


def _rows(request, apps):
    today = timezone.localdate()
    calendar_for = calendars()
    for app in apps:
        status = services.status_of(app, today, calendar_for(app.institution))
        yield {
            "app": app,
            "status": status,
            "status_text": STATUS_TEXT.get(status, status),
            "identity": can(request.user, "view_identity", app),
        }


@staff_required
def application_list(request):
    qs, show = _listed(request)
    rows = list(_rows(request, qs[:500]))
    return render(
        request,
        "foi/staff/list.html",
        {
            "rows": rows,
            "show": show,
            "tab": "foi",
            "can_register": _managed(request.user).exists(),
            "due_soon": sum(1 for r in rows if r["status"] == "due_soon"),
            "overdue": sum(1 for r in rows if r["status"] == "overdue"),
        },
    )


@staff_required
def application_list_xlsx(request):
    """The same list as XLSX, every row the filter selects; the applicant only where the page shows them."""
    qs, show = _listed(request)
    hidden = _("（不可见）")
    rows = (
        [
            r["app"].code,
            r["app"].title,
            r["app"].name if r["identity"] else hidden,
            r["app"].get_channel_display(),
            r["app"].received_on,
            r["app"].due_on,
            _("暂定") if r["app"].due_on and not r["app"].due_certain else "",
            r["status_text"],
            r["app"].get_state_display(),
            r["app"].department.name if r["app"].department else "",
            r["app"].closed_on,
        ]
        for r in _rows(request, qs.iterator(chunk_size=500))
    )
    headings = [
        _("查询码"),
        _("所需信息"),
        _("申请人"),
        _("申请渠道"),
        _("收到日期"),
        _("答复期限"),
        _("期限暂定"),
        _("期限情况"),
        _("状态"),
        _("承办部门"),
        _("办结日期"),
    ]
    title = _("依申请公开申请（已办结）") if show == "closed" else _("依申请公开申请（办理中）")
    name = "closed" if show == "closed" else "open"
    return xlsx.response(f"applications-{name}-{timezone.localdate():%Y%m%d}.xlsx", title, headings, rows)


@staff_required
def register(request):
    institution = chosen_institution(request, "manage")
    form = forms.RegisterForm(
        request.POST or None,
        initial={"applicant_type": "natural", "id_type": "resident_id", "info_form": "paper", "delivery": "post"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            receipt = services.register(
                request.user,
                institution,
                form.applicant,
                channel=form.cleaned_data["channel"],
                received_on=form.cleaned_data["received_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("已登记。查询码 %(code)s，查询密码 %(secret)s（请告知申请人，密码只显示这一次）。")
                % {"code": receipt.application.code, "secret": receipt.secret},
            )
            return redirect("foi_staff:detail", pk=receipt.application.pk)
    return render(request, "foi/staff/register.html", {"form": form, "institution": institution, "tab": "foi"})


def _action_forms(request, app, bound: dict | None = None) -> dict:
    bound = bound or {}
    rules = rules_for(app.institution)
    reply = getattr(app, "reply", None)
    draft_initial = {}
    if reply is not None:
        draft_initial = {
            "reply_type": reply.reply_type_id,
            "reason": reply.reason_id,
            "text": reply.text,
            "fee": reply.fee,
            "override_reason": reply.override_reason,
        }
    return {
        "correction": bound.get("correction") or forms.CorrectionForm(prefix="correction"),
        "supplement": bound.get("supplement") or forms.StaffSupplementForm(prefix="supplement"),
        "consult_start": bound.get("consult_start") or forms.ConsultStartForm(prefix="consult_start"),
        "consult_end": bound.get("consult_end") or forms.ConsultEndForm(prefix="consult_end"),
        "extend": bound.get("extend") or forms.ExtendForm(prefix="extend"),
        "route": bound.get("route") or forms.RouteForm(prefix="route", institution=app.institution),
        "draft": bound.get("draft")
        or forms.DraftForm(prefix="draft", initial=draft_initial, fees_enabled=rules.fees_enabled),
        "approve": bound.get("approve") or forms.CommentForm(prefix="approve"),
        "return": bound.get("return") or forms.CommentForm(prefix="return"),
        "send": bound.get("send") or forms.SendForm(prefix="send"),
    }


def _notices(app) -> list[Notice]:
    rows = list(app.notices.order_by("issued_on", "id"))
    for notice in rows:
        notice.posting_form = forms.PostingForm(prefix=f"posting-{notice.pk}")
    return rows


def _files_context(request, app) -> dict:
    """The reply's files as the application page shows them: each with its screening state, its open
    findings and the actions this person may take on it (`foi/reply_files.py`)."""
    rows = reply_files.files_of(app)
    waiting, _blocked = reply_files.unready(app, rows)
    can_mask = can(request.user, "mask", app)
    can_override = can(request.user, "override", app)
    files = []
    for row in rows:
        pending = row in waiting
        findings = [] if pending else reply_files.open_findings(row)
        files.append(
            {
                "row": row,
                "pending": pending,
                "findings": [
                    {"label": screening_gate.KIND_LABELS.get(r[0], r[0]), "text": r[1], "reason": r[4], "where": r[5]}
                    for r in findings
                ],
                "mask": can_mask and not pending and bool(reply_files.maskable(row)),
                "override": can_override and bool(findings),
                "override_form": forms.OverrideForm(prefix=f"override-{row.pk}"),
            }
        )
    return {
        "reply_files": files,
        "files_pending": [f["row"] for f in files if f["pending"]],
        "files_open": sum(len(f["findings"]) for f in files),
        "files_form": forms.ReplyFilesForm(prefix="files"),
        "upload_types": allowed_labels(),
        "can_read_files": can(request.user, "view_identity", app) or can_override,
    }


def _detail_context(request, app, bound=None) -> dict:
    ensure_reply_types()
    today = timezone.localdate()
    status = services.status_of(app, today)
    handle = can(request.user, "handle", app)
    draft = can(request.user, "draft", app)
    open_pause = app.pauses.filter(ended_on__isnull=True).first()
    answer_by = consultations.answer_date(open_pause) if open_pause else None
    expired_correction = bool(
        app.state == State.AWAITING_CORRECTION and app.correction_due_on and today > app.correction_due_on
    )
    guide = guidance.guide(request.user, app, today=today, open_pause=open_pause, expired_correction=expired_correction)
    return {
        "app": app,
        "tab": "foi",
        "status": status,
        "status_text": STATUS_TEXT.get(status, status),
        "identity": can(request.user, "view_identity", app),
        "handle": handle,
        "can_draft": draft,
        "reply": getattr(app, "reply", None),
        "events": app.events.select_related("actor").order_by("at", "id"),
        "pauses": app.pauses.all(),
        "open_pause": open_pause,
        "answer_by": answer_by,
        "answer_lapsed": bool(answer_by and today > answer_by),
        "notices": _notices(app),
        "sent_messages": Message.objects.about(app),
        "rules": rules_for(app.institution),
        "forms": _action_forms(request, app, bound),
        "State": State,
        "expired_correction": expired_correction,
        "guide": guide,
        "other_open": any(name in guide.other for name in bound or {}),
        "refused": _errors_not_shown(bound or {}, guide),
        **_files_context(request, app),
    }


def _errors_not_shown(bound: dict, guide) -> list[str]:
    """What a refused action said when its form is not on the page now (the state moved, or not for this person)."""
    shown = set(guide.primary) | set(guide.other)
    return [str(e) for name, form in bound.items() if name not in shown for e in form.errors.get("__all__", [])] + [
        f"{form[field].label}：{e}"
        for name, form in bound.items()
        if name not in shown
        for field, errors in form.errors.items()
        if field != "__all__"
        for e in errors
    ]


@staff_required
def detail(request, pk: int):
    app = _get(request.user, pk)
    response = render(request, "foi/staff/detail.html", _detail_context(request, app))
    reply_files.requeue(app)  # screening lost with a process, or made under another configuration, queued again
    return response


def _reply_file(user, pk: int, file_pk: int, action: str) -> ReplyFile:
    app = _get(user, pk, action)
    row = get_object_or_404(ReplyFile, pk=file_pk, application=app)
    row.application = app
    return row


def _back_to_files(pk: int):
    return redirect(f"{reverse('foi_staff:detail', args=[pk])}#files-h")


@staff_required
@require_POST
def file_upload(request, pk: int):
    """The drafter attaches the files the reply provides; each is screened as it arrives."""
    app = _get(request.user, pk, "draft")
    form = forms.ReplyFilesForm(request.POST, request.FILES, prefix="files")
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
        return _back_to_files(pk)
    for uploaded in form.cleaned_data["files"]:
        try:
            row = reply_files.add_reply_file(request.user, app, uploaded)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except services.Conflict as exc:
            messages.error(request, str(exc))
        else:
            _say_screened(request, row)
    return _back_to_files(pk)


def _say_screened(request, row: ReplyFile) -> None:
    if row.screening != ScreeningState.DONE:
        messages.info(request, _("“%(name)s”已上传，正在后台筛查，完成前不能审批或发送答复。") % {"name": row.name})
    elif reply_files.open_findings(row):
        messages.warning(
            request,
            _("“%(name)s”已上传，发现 %(n)d 处个人信息、涉密标记或无法自动筛查的内容，须屏蔽或经保密审查放行。")
            % {"name": row.name, "n": len(reply_files.open_findings(row))},
        )
    else:
        messages.success(request, _("“%(name)s”已上传，未发现个人信息或涉密标记。") % {"name": row.name})


@staff_required
@require_POST
def file_remove(request, pk: int, file_pk: int):
    row = _reply_file(request.user, pk, file_pk, "draft")
    try:
        reply_files.remove_reply_file(request.user, row)
    except services.Conflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已删除答复附件“%(name)s”。") % {"name": row.name})
    return _back_to_files(pk)


@staff_required
@require_POST
def file_mask(request, pk: int, file_pk: int):
    """One button per file: the copy masks every finding in it."""
    row = _reply_file(request.user, pk, file_pk, "mask")
    before = row.sha256
    try:
        row = reply_files.mask_reply_file(request.user, row)
    except services.Conflict as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if row.screening == ScreeningState.MASKING:
            messages.info(request, _("已提交屏蔽：正在后台生成屏蔽副本，完成后将重新筛查，请稍后刷新本页查看。"))
        elif row.sha256 == before:
            messages.warning(
                request, _("未能在文件中屏蔽任何内容，请人工处理后重新上传，或由保密审查人写明理由后放行。")
            )
        else:
            messages.success(request, _("已生成屏蔽副本，申请人只能下载屏蔽后的文件。"))
    return _back_to_files(pk)


@staff_required
@require_POST
def file_override(request, pk: int, file_pk: int):
    """保密审查 lets a file's findings through in writing."""
    row = _reply_file(request.user, pk, file_pk, "override")
    form = forms.OverrideForm(request.POST, prefix=f"override-{row.pk}")
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        reply_files.override_reply_file(request.user, row, reason=reason)
    except services.Conflict as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("已放行“%(name)s”的筛查结果，理由已记入办理记录。") % {"name": row.name})
    return _back_to_files(pk)


@staff_required
def file_download(request, pk: int, file_pk: int):
    """The file as the applicant will get it (the masked copy once masked), for whoever handles the
    application or reviews its files."""
    row = _reply_file(request.user, pk, file_pk, "view")
    app = row.application
    if not (can(request.user, "view_identity", app) or can(request.user, "override", app)):
        raise PermissionDenied("reply file")
    return file_response(row)


def _d(form, name="on"):
    return form.cleaned_data.get(name) or None


ACTIONS = {
    # name: (form class, needs handle, call)
    "correction": (
        forms.CorrectionForm,
        lambda u, a, f: services.request_correction(
            u,
            a,
            items=f.cleaned_data["items"],
            on=_d(f),
            days=f.cleaned_data.get("days"),
            delivery=f.cleaned_data["delivery"] or None,
        ),
        _("已告知补正。"),
    ),
    "supplement": (
        forms.StaffSupplementForm,
        lambda u, a, f: services.supplement(
            u, a, text=f.cleaned_data["text"], on=_d(f), changes={"title": f.cleaned_data["title"]}
        ),
        _("已登记补正，答复期限重新计算。"),
    ),
    "consult_start": (
        forms.ConsultStartForm,
        lambda u, a, f: services.start_consultation(
            u,
            a,
            third_party=f.cleaned_data["third_party"],
            on=_d(f),
            note=f.cleaned_data["note"],
            email=f.cleaned_data["email"],
            address=f.cleaned_data["address"],
            delivery=f.cleaned_data["delivery"] or None,
        ),
        _("已开始征求第三方意见，计时暂停。"),
    ),
    "consult_end": (
        forms.ConsultEndForm,
        lambda u, a, f: services.end_consultation(u, a, on=_d(f), note=f.cleaned_data["note"]),
        _("征求意见已结束，计时恢复。"),
    ),
    "extend": (
        forms.ExtendForm,
        lambda u, a, f: services.extend(
            u,
            a,
            reason=f.cleaned_data["reason"],
            approver=f.cleaned_data["approver"],
            delivery=f.cleaned_data["delivery"] or None,
        ),
        _("答复期限已延长。"),
    ),
    "route": (
        forms.RouteForm,
        lambda u, a, f: services.route(u, a, f.cleaned_data["department"], comment=f.cleaned_data["comment"]),
        _("已转交部门办理。"),
    ),
    "draft": (
        forms.DraftForm,
        lambda u, a, f: services.draft_reply(
            u,
            a,
            reply_type=f.cleaned_data["reply_type"],
            reason=f.cleaned_data["reason"],
            text=f.cleaned_data["text"],
            fee=f.cleaned_data.get("fee"),
            override_reason=f.cleaned_data["override_reason"],
        ),
        _("答复已保存，待审批。"),
    ),
    "approve": (
        forms.CommentForm,
        lambda u, a, f: services.approve_reply(u, a, comment=f.cleaned_data["comment"]),
        _("答复已审批通过。"),
    ),
    "return": (
        forms.CommentForm,
        lambda u, a, f: services.return_reply(u, a, comment=f.cleaned_data["comment"]),
        _("答复已退回修改。"),
    ),
    "send": (forms.SendForm, lambda u, a, f: services.send_reply(u, a, on=_d(f)), _("答复已发送，申请办结。")),
    "expire": (forms.CommentForm, lambda u, a, f: services.expire_correction(u, a), _("已按逾期未补正办结。")),
}


@staff_required
@require_POST
def act(request, pk: int, action: str):
    app = _get(request.user, pk)
    if action not in ACTIONS:
        raise Http404("no such action")
    form_class, call, done = ACTIONS[action]
    kwargs = {"prefix": action}
    if form_class is forms.RouteForm:
        kwargs["institution"] = app.institution
    if form_class is forms.DraftForm:
        kwargs["fees_enabled"] = rules_for(app.institution).fees_enabled
    form = form_class(request.POST, **kwargs)
    if form.is_valid():
        if action == "draft":
            _warn_echo(request, app, form)
        try:
            result = call(request.user, app, form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except services.Conflict as exc:
            form.add_error(None, str(exc))
        else:
            if action == "draft" and result.findings and not result.override_reason:
                messages.warning(request, _("答复正文中发现个人信息或涉密标志，审批前须屏蔽或写明放行理由。"))
            messages.success(request, done)
            return redirect("foi_staff:detail", pk=app.pk)
    app.refresh_from_db()
    return render(request, "foi/staff/detail.html", _detail_context(request, app, {action: form}), status=400)


def _warn_echo(request, app, form) -> None:
    """Tell the person what `draft_reply` will strip from the start of the typed text (the template writes it)."""
    from xxgk.foi.letter_preview import strip_echo

    data = form.cleaned_data
    if data.get("reply_type") is None or not (data.get("text") or "").strip():
        return
    _text, removed = strip_echo(app, data["reply_type"], data.get("reason"), data["text"])
    if removed:
        messages.warning(
            request,
            _("答复正文开头重复了答复书模板已有的称呼或开头语，已删去：%(removed)s")
            % {"removed": "；".join(r[:40] + ("…" if len(r) > 40 else "") for r in removed)},
        )


@staff_required
@require_POST
def preview(request, pk: int):
    """The whole letter as it will be sent, from the office's template and the text typed so far; nothing is saved."""
    from xxgk.foi.letter_preview import preview as letter_preview

    app = _get(request.user, pk, "draft")
    form = forms.DraftForm(request.POST, prefix="draft", fees_enabled=rules_for(app.institution).fees_enabled)
    shown = None
    if form.is_valid():
        data = form.cleaned_data
        shown = letter_preview(
            app, reply_type=data["reply_type"], reason=data["reason"], text=data["text"], fee=data.get("fee")
        )
        if shown.removed:
            # the form comes back with the text the letter will carry
            bound = request.POST.copy()
            bound["draft-text"] = shown.text
            form = forms.DraftForm(bound, prefix="draft", fees_enabled=rules_for(app.institution).fees_enabled)
            form.is_valid()
    context = _detail_context(request, app, {"draft": form})
    context["preview"] = shown
    return render(request, "foi/staff/detail.html", context, status=200 if shown else 400)


@staff_required
def staff_letter(request, pk: int, fmt: str):
    app = _get(request.user, pk, "view_identity")
    reply = getattr(app, "reply", None)
    if reply is None or not reply.sent_at:
        raise Http404("no letter")
    return letter_response(app, reply, fmt)


def _notice(user, pk: int, notice_pk: int, action: str) -> Notice:
    app = _get(user, pk, action)
    return get_object_or_404(Notice.objects.select_related("application__institution"), pk=notice_pk, application=app)


@staff_required
def staff_notice(request, pk: int, notice_pk: int, fmt: str):
    return notice_response(_notice(request.user, pk, notice_pk, "view_identity"), fmt)


@staff_required
@require_POST
def notice_posted(request, pk: int, notice_pk: int):
    notice = _notice(request.user, pk, notice_pk, "handle")
    form = forms.PostingForm(request.POST, prefix=f"posting-{notice.pk}")
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.get("postal_date") or _("请填写邮寄日期。"))
        notices.record_posting(request.user, notice, postal_date=form.cleaned_data["postal_date"])
    except (ValidationError, services.Conflict) as exc:
        for message in getattr(exc, "messages", [str(exc)]):
            messages.error(request, message)
    else:
        messages.success(request, _("已登记邮寄日期。"))
    return redirect("foi_staff:detail", pk=pk)


@staff_required
@require_POST
def notice_retry(request, pk: int, notice_pk: int):
    """Produce again (and hand on) a notice whose files could not be rendered after its decision."""
    notice = _notice(request.user, pk, notice_pk, "handle")
    notices.produce(notice)
    messages.success(request, _("告知书已生成。"))
    return redirect("foi_staff:detail", pk=pk)


@staff_required
def statistics(request):
    institution = chosen_institution(request, "view_office")
    institutions = allowed(request.user, "view_office", Institution).order_by("name")
    choice = periods.choose(request.GET, days_with_data(institution), today=timezone.localdate())
    table = national_table(institution, choice.period.start, choice.period.end)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            to_xlsx(table), content_type=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )
        name = f"foi-{institution.slug}-{table.start:%Y%m%d}-{table.end:%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(
        request,
        "foi/staff/stats.html",
        {
            "periods": choice,
            "period": choice.period,
            "keep": {"i": institution.slug},
            "empty_text": _("该期间没有收到或办结信息公开申请。"),
            "table": table,
            "institution": institution,
            "institutions": institutions,
            "tab": "foi_stats",
        },
    )


@staff_required
def templates(request):
    institution = chosen_institution(request, "manage")
    items = ensure_letter_templates(institution)
    return render(
        request,
        "foi/staff/templates.html",
        {
            "templates": items,
            "notice_templates": ensure_notice_templates(institution),
            "institution": institution,
            "tab": "foi",
        },
    )


def _edit_template(request, pk: int, model, form_class, save, page: str):
    """The office edits one of its own templates (a notice or a reply letter) through `save`."""
    institution = chosen_institution(request, "manage")
    template = get_object_or_404(model, pk=pk, institution=institution)
    form = form_class(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        save(request.user, template, **{k: form.cleaned_data[k] for k in form.changed_data})
        messages.success(request, _("模板已保存。"))
        return redirect("foi_staff:templates")
    return render(request, page, {"form": form, "template": template, "tab": "foi"})


@staff_required
def notice_template_edit(request, pk: int):
    return _edit_template(
        request,
        pk,
        NoticeTemplate,
        forms.NoticeTemplateForm,
        notices.update_notice_template,
        "foi/staff/notice_template_edit.html",
    )


@staff_required
def template_edit(request, pk: int):
    return _edit_template(
        request, pk, LetterTemplate, forms.TemplateForm, services.update_letter_template, "foi/staff/template_edit.html"
    )


@staff_required
def rules_edit(request):
    institution = chosen_institution(request, "manage")
    rules = rules_for(institution)
    form = forms.RuleSetForm(request.POST or None, instance=rules)
    if request.method == "POST" and form.is_valid():
        services.update_rules(request.user, rules, **{k: form.cleaned_data[k] for k in form.changed_data})
        messages.success(request, _("规则已保存。已受理申请的答复期限在下次办理时按新规则重新计算。"))
        return redirect("foi_staff:rules")
    return render(request, "foi/staff/rules.html", {"form": form, "institution": institution, "tab": "foi"})
