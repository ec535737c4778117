"""Staff pages for mailboxes, cases, the 15-column table, reply-rate figures and surveys.

Views stay thin: they read through `xxgk.org.policy` and change through `xxgk.oversight.services`.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case as SqlCase
from django.db.models import Count, IntegerField, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xxgk.core import periods, xlsx
from xxgk.core.forms import add_service_errors
from xxgk.core.models import AuditEvent
from xxgk.core.params import int_param
from xxgk.core.serving import file_response
from xxgk.notify.models import Message
from xxgk.org.choice import chosen_institution
from xxgk.org.models import Department
from xxgk.org.policy import allowed, can, require
from xxgk.oversight import services, stats
from xxgk.oversight.case_deadlines import answer_due
from xxgk.oversight.case_guidance import answer_label, answered_label, guide
from xxgk.oversight.forms import (
    CaseAnswerForm,
    CaseDecisionForm,
    CaseForm,
    InvalidForm,
    MailboxForm,
    RegisterLetterForm,
    SurveyForm,
    TextForm,
)
from xxgk.oversight.letter_deadlines import extension_refusal
from xxgk.oversight.models import (
    OPEN_STATES,
    Case,
    Letter,
    LetterAttachment,
    LetterSource,
    LetterState,
    Mailbox,
    Survey,
    open_q,
)
from xxgk.oversight.next_steps import next_step
from xxgk.oversight.rules_data import rules
from xxgk.workbench.views import staff_required
from xxgk.workcalendar.calendar import calendar_for, calendars
from xxgk.workdays import Due, due_status

STATUS_LABELS = {"on_track": _("正常"), "due_soon": _("即将到期"), "overdue": _("已逾期")}


# ---------------------------------------------------------------- scope


def letters_for(user):
    """Letters the user may see: the office's institutions, the boxes they handle, their departments' letters."""
    return allowed(user, "view", Letter).select_related(
        "mailbox", "routed_department", "institution", "mailbox__department"
    )


def office_boxes(user):
    """The open boxes the user registers letters for: the office's, and the boxes they handle."""
    return allowed(user, "register", Mailbox).filter(active=True).select_related("institution")


def _period(request, institution) -> dict:
    """The period picker's context: ?period= / ?start=&end=, else the latest academic year with letters or cases."""
    choice = periods.choose(request.GET, stats.days_with_data(institution), today=timezone.localdate())
    return {
        "periods": choice,
        "period": choice.period,
        "start": choice.period.start,
        "end": choice.period.end,
        "keep": {"i": request.GET.get("i", "")},
        "empty_text": _("该期间没有收到来信，也没有举报、复议或诉讼。"),
    }


# ---------------------------------------------------------------- letters


def _status(letter: Letter, today: date, calendar) -> str:
    if not letter.is_open or not letter.due_on:
        return ""
    due = Due(letter.due_on, 0, letter.received_on)
    return due_status(due, today, calendar, due_soon_within=rules()["due_soon_within"])


def _listed_letters(request):
    """The letters as the page filters them: what this person may see, by state and by subject or code."""
    qs = letters_for(request.user)
    state = request.GET.get("state", "")
    if state == "open":
        qs = qs.open()
    elif state in LetterState.values:
        qs = qs.filter(state=state)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(subject__icontains=q) | Q(query_code__iexact=q) | Q(external_ref__icontains=q))
    qs = qs.annotate(
        closed=SqlCase(When(open_q(), then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("closed", "due_on", "id")
    return qs, state, q


def _with_status(letters):
    today = timezone.localdate()
    calendar = calendars()
    for letter in letters:
        letter.status = _status(letter, today, calendar(letter.institution_id))
        letter.status_label = STATUS_LABELS.get(letter.status, "")
        yield letter


@staff_required
def letters(request):
    qs, state, q = _listed_letters(request)
    rows = list(_with_status(qs[:300]))
    return render(
        request,
        "oversight/staff/letters.html",
        {
            "letters": rows,
            "tab": "oversight",
            "sub": "letters",
            "states": LetterState.choices,
            "state": state,
            "q": q,
            "can_register": office_boxes(request.user).exists(),
        },
    )


@staff_required
def letters_xlsx(request):
    """The same list as XLSX: every letter the filters select."""
    qs, _state, _q = _listed_letters(request)
    rows = (
        [
            letter.query_code,
            letter.subject,
            letter.mailbox.name,
            letter.get_source_display(),
            letter.received_on,
            letter.due_on,
            letter.status_label,
            letter.get_state_display(),
            letter.routed_department.name if letter.routed_department else "",
        ]
        for letter in _with_status(qs.iterator(chunk_size=500))
    )
    headings = [
        _("查询码"),
        _("主题"),
        _("信箱"),
        _("途径"),
        _("收信日期"),
        _("答复期限"),
        _("期限情况"),
        _("状态"),
        _("承办部门"),
    ]
    return xlsx.response(f"letters-{timezone.localdate():%Y%m%d}.xlsx", _("来信办理"), headings, rows)


@staff_required
def letter_new(request):
    boxes = office_boxes(request.user)
    if not boxes.exists():
        raise PermissionDenied("no box")
    sources = LetterSource.objects.filter(institution_id__in=boxes.values("institution_id"))
    form = RegisterLetterForm(
        request.POST or None, mailboxes=boxes, sources=sources, initial={"received_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        box = data.pop("mailbox")
        try:
            letter, _password = services.register_letter(
                request.user, box, files=request.FILES.getlist("attachments"), **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已登记来信，答复期限 %(due)s。") % {"due": letter.due_on})
            return redirect("oversight_staff:letter", pk=letter.pk)
    return render(request, "oversight/staff/letter_new.html", {"form": form, "tab": "oversight", "sub": "new"})


def _get_letter(user, pk: int) -> Letter:
    letter = get_object_or_404(
        Letter.objects.select_related("mailbox", "routed_department", "institution", "mailbox__department"), pk=pk
    )
    require(user, "view", letter)
    return letter


LETTER_ACTIONS = {
    # action: (policy action, success message)
    "route": ("route", _("已转交承办部门。")),
    "direct": ("direct", _("已确定由办公室直接答复。")),
    "escalate": ("escalate", _("已呈报领导。")),
    "invalidate": ("invalidate", _("已作为无效件关闭。")),
    "extend": ("extend", _("已延期。")),
    "draft": ("draft", _("答复已提交审核。")),
    "approve": ("approve", _("已审核通过，送办公室审核措辞。")),
    "return": (None, _("已退回重拟。")),
    "check": ("check", _("措辞审核通过，可以答复。")),
    "send": ("send", _("已答复来信人。")),
    "archive": ("archive", _("已归档。")),
}


#: actions that are seldom the next step, folded under 其他操作 on the letter page
LESS_COMMON = {"escalate", "invalidate", "extend"}


def _available(user, letter: Letter) -> set[str]:
    out = {name for name, (policy, _m) in LETTER_ACTIONS.items() if policy and can(user, policy, letter)}
    if can(user, "return_draft", letter) or can(user, "return_check", letter):
        out.add("return")
    if "extend" in out and extension_refusal(letter, letter.mailbox, timezone.localdate()):
        out.discard("extend")
    return out


@staff_required
def letter_detail(request, pk: int, forms: dict | None = None):
    letter = _get_letter(request.user, pk)
    available = _available(request.user, letter)
    other = available & LESS_COMMON
    reply = getattr(letter, "reply", None)
    forms = forms or {}
    departments = Department.objects.filter(institution=letter.institution)
    today = timezone.localdate()
    status = _status(letter, today, calendar_for(letter.institution))
    return render(
        request,
        "oversight/staff/letter.html",
        {
            "letter": letter,
            "reply": reply,
            "available": available,
            "primary": available - other,
            "other": other,
            "posted_other": forms.get("action") in other,
            "next_step": next_step(request.user, letter),
            "tab": "oversight",
            "sub": "letters",
            "events": letter.events.select_related("actor", "department"),
            "attachments": letter.attachments.all(),
            "departments": departments,
            "text_form": forms.get("text") or TextForm(initial={"text": reply.text if reply else ""}),
            "invalid_form": forms.get("invalid") or InvalidForm(),
            "status": status,
            "status_label": STATUS_LABELS.get(status, ""),
            "public_refusal": services.public_refusal(letter),
            "extension_note": (
                extension_refusal(letter, letter.mailbox, today)
                if letter.is_open and can(request.user, "extend", letter)
                else ""
            ),
            "errors": forms.get("errors", []),
            "posted": forms.get("posted", {}),
            "sent_messages": Message.objects.about(letter),
        },
        status=400 if forms else 200,
    )


@staff_required
@require_POST
def letter_act(request, pk: int, action: str):
    letter = _get_letter(request.user, pk)
    if action not in LETTER_ACTIONS:
        raise Http404("unknown action")
    expected = int_param(request.POST.get("revision"), minimum=0)
    post = request.POST
    kwargs = {"expected_revision": expected}
    forms: dict = {
        "posted": {k: post.get(k, "") for k in ("comment", "reason", "text", "department")},
        "action": action,
    }
    try:
        if action == "route":
            dept = Department.objects.filter(pk=post.get("department") or 0, institution=letter.institution).first()
            services.route(request.user, letter, dept, comment=post.get("comment", ""), **kwargs)
        elif action == "direct":
            services.reply_directly(request.user, letter, comment=post.get("comment", ""), **kwargs)
        elif action == "escalate":
            services.escalate(request.user, letter, comment=post.get("comment", ""), **kwargs)
        elif action == "invalidate":
            form = InvalidForm(post)
            forms["invalid"] = form
            if not form.is_valid():
                raise ValidationError(_("请选择无效原因。"))
            services.close_invalid(
                request.user, letter, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"], **kwargs
            )
        elif action == "extend":
            services.extend(request.user, letter, reason=post.get("reason", ""), **kwargs)
        elif action == "draft":
            forms["text"] = TextForm(post)
            services.draft_reply(request.user, letter, text=post.get("text", ""), **kwargs)
        elif action == "approve":
            services.approve_draft(request.user, letter, comment=post.get("comment", ""), **kwargs)
        elif action == "return":
            services.return_draft(request.user, letter, comment=post.get("comment", ""), **kwargs)
        elif action == "check":
            forms["text"] = TextForm(post)
            text = post.get("text")
            services.check_wording(
                request.user, letter, text=text if text is not None else None, comment=post.get("comment", ""), **kwargs
            )
        elif action == "send":
            services.send_reply(request.user, letter, public=post.get("public") == "1", **kwargs)
        elif action == "archive":
            services.archive(request.user, letter, **kwargs)
    except ValidationError as exc:
        forms["errors"] = exc.messages
        return letter_detail(request, pk, forms=forms)
    except services.Conflict as exc:
        forms["errors"] = [str(exc)]
        return letter_detail(request, pk, forms=forms)
    messages.success(request, LETTER_ACTIONS[action][1])
    if can(
        request.user,
        "view",
        Letter.objects.select_related("mailbox", "routed_department", "mailbox__department").get(pk=pk),
    ):
        return redirect("oversight_staff:letter", pk=pk)
    return redirect("oversight_staff:letters")


@staff_required
def attachment(request, pk: int, attachment_pk: int):
    letter = _get_letter(request.user, pk)
    att = get_object_or_404(LetterAttachment, pk=attachment_pk, letter=letter)
    return file_response(att.file, filename=att.name, content_type=att.content_type)


# ---------------------------------------------------------------- cases


def _case_data(institution, data: dict) -> dict:
    from xxgk.publishing.models import Record

    data = dict(data)
    index = (data.pop("record_index", "") or "").strip()
    data["record"] = None
    if index:
        record = Record.objects.filter(institution=institution, index_number=index).first()
        if record is None:
            raise ValidationError({"record_index": _("本校没有索引号为“%(n)s”的公开信息。") % {"n": index}})
        data["record"] = record
    return data


def _listed_cases(request):
    """The cases of the institution chosen (?i=), as the page filters them (?kind=)."""
    institution = chosen_institution(request, "view_office")
    rows = Case.objects.filter(institution=institution).select_related("record")
    kind = request.GET.get("kind", "")
    if kind:
        rows = rows.filter(kind=kind)
    return institution, rows, kind


@staff_required
def cases(request):
    institution, rows, kind = _listed_cases(request)
    rows = list(rows[:300])
    calendar = calendar_for(institution)
    for case in rows:
        case.due = answer_due(case, calendar)
    return render(
        request,
        "oversight/staff/cases.html",
        {
            "institution": institution,
            "cases": rows,
            "today": timezone.localdate(),
            "tab": "oversight",
            "sub": "cases",
            "kind": kind,
            "can_manage": can(request.user, "manage", institution),
        },
    )


CASE_FIELDS = (
    "kind",
    "filed_on",
    "served_on",
    "due_by",
    "matter",
    "party",
    "authority",
    "application_ref",
    "answered_on",
    "outcome",
    "decided_on",
    "route",
    "note",
)


@staff_required
def cases_xlsx(request):
    institution, listed, _kind = _listed_cases(request)
    rows = (
        [
            case.get_kind_display(),
            case.get_route_display() if case.route else "",
            case.filed_on,
            case.matter,
            case.record.index_number if case.record else "",
            case.application_ref,
            case.get_outcome_display(),
            case.decided_on,
        ]
        for case in listed.iterator(chunk_size=500)
    )
    headings = [
        _("类别"),
        _("起诉方式"),
        _("收到日期"),
        _("事由"),
        _("相关公开信息"),
        _("相关依申请公开件"),
        _("结果"),
        _("审结日期"),
    ]
    title = _("%(name)s 举报、复议、诉讼") % {"name": institution.name}
    return xlsx.response(f"cases-{institution.slug}-{timezone.localdate():%Y%m%d}.xlsx", title, headings, rows)


@staff_required
def case_form(request, pk: int | None = None):
    if pk:
        case = _get_case(request.user, pk)
        require(request.user, "manage", case)
        institution = case.institution
    else:
        case = None
        institution = chosen_institution(request, "manage")
    initial = {}
    if case:
        initial = {f: getattr(case, f) for f in CASE_FIELDS}
        initial["record_index"] = case.record.index_number if case.record else ""
    form = CaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            data = _case_data(institution, form.cleaned_data)
            if case:
                expected = int_param(request.POST.get("revision"), minimum=0)
                case = services.update_case(request.user, case, data, expected_revision=expected)
            else:
                case = services.record_case(request.user, institution, data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except services.Conflict as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("已保存。"))
            return redirect("oversight_staff:case", pk=case.pk)
    return render(
        request,
        "oversight/staff/form.html",
        {
            "form": form,
            "tab": "oversight",
            "sub": "cases",
            "heading": _("修改举报、复议、诉讼记录") if case else _("登记举报、复议、诉讼"),
            "back_url": reverse("oversight_staff:case", args=[case.pk]) if case else reverse("oversight_staff:cases"),
            "revision": case.revision if case else None,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _get_case(user, pk: int) -> Case:
    case = get_object_or_404(Case.objects.select_related("institution", "record"), pk=pk)
    require(user, "view", case)
    return case


#: the actions of the case page: name → success message
CASE_ACTIONS = {
    "answer": gettext_lazy("已登记答复。"),
    "decide": gettext_lazy("已登记审结结果。"),
}


@staff_required
def case_detail(request, pk: int, forms: dict | None = None):
    case = _get_case(request.user, pk)
    forms = forms or {}
    today = timezone.localdate()
    g = guide(request.user, case, today=today, calendar=calendar_for(case.institution))
    answer_form = forms.get("answer") or CaseAnswerForm(initial={"answered_on": today})
    answer_form.fields["answered_on"].label = answered_label(case)
    history = AuditEvent.objects.filter(
        institution=case.institution, object_type="Case", object_id=str(case.pk)
    ).select_related("actor")
    return render(
        request,
        "oversight/staff/case.html",
        {
            "case": case,
            "guide": g,
            "answer_label": answer_label(case),
            "answered_label": answered_label(case),
            "answer_form": answer_form,
            "decision_form": forms.get("decide") or CaseDecisionForm(initial={"decided_on": today}),
            "other_open": forms.get("action") in g.other,
            "errors": forms.get("errors", []),
            "history": list(history.order_by("at", "id")[:50]),
            "tab": "oversight",
            "sub": "cases",
        },
        status=400 if forms else 200,
    )


@staff_required
@require_POST
def case_act(request, pk: int, action: str):
    case = _get_case(request.user, pk)
    if action not in CASE_ACTIONS:
        raise Http404("unknown action")
    require(request.user, "manage", case)
    expected = int_param(request.POST.get("revision"), minimum=0)
    forms: dict = {"action": action}
    try:
        if action == "answer":
            form = forms["answer"] = CaseAnswerForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("请填写答复（答辩）日期。"))
            services.answer_case(
                request.user,
                case,
                answered_on=form.cleaned_data["answered_on"],
                comment=form.cleaned_data["answer_note"],
                expected_revision=expected,
            )
        else:
            form = forms["decide"] = CaseDecisionForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("请选择结果并填写审结日期。"))
            services.decide_case(
                request.user,
                case,
                outcome=form.cleaned_data["outcome"],
                decided_on=form.cleaned_data["decided_on"],
                comment=form.cleaned_data["decision_note"],
                expected_revision=expected,
            )
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and form.is_bound:
            add_service_errors(form, exc)
        forms["errors"] = exc.messages
        return case_detail(request, pk, forms=forms)
    except services.Conflict as exc:
        forms["errors"] = [str(exc)]
        return case_detail(request, pk, forms=forms)
    messages.success(request, CASE_ACTIONS[action])
    return redirect("oversight_staff:case", pk=pk)


@staff_required
def table(request):
    institution = chosen_institution(request, "view_office")
    picked = _period(request, institution)
    result = stats.case_table(institution, picked["start"], picked["end"])
    return render(
        request,
        "oversight/staff/table.html",
        {
            "institution": institution,
            "table": result,
            **picked,
            "tab": "oversight",
            "sub": "table",
            "groups": stats.TABLE_GROUPS,
            "columns": stats.COLUMN_LABELS,
        },
    )


@staff_required
def rates(request):
    institution = chosen_institution(request, "view_office")
    picked = _period(request, institution)
    start, end = picked["start"], picked["end"]
    by_box = stats.reply_figures(institution, start, end, by="mailbox")
    by_dept = stats.reply_figures(institution, start, end, by="department")
    total = stats.reply_total(institution, start, end)
    evaluation = stats.evaluation_figures(institution, start, end)
    return render(
        request,
        "oversight/staff/rates.html",
        {
            "institution": institution,
            "by_box": by_box,
            "by_dept": by_dept,
            "total": total,
            **picked,
            "evaluation": evaluation,
            "survey_totals": stats.survey_totals(evaluation.surveys),
            "tab": "oversight",
            "sub": "rates",
        },
    )


@staff_required
def surveys(request):
    institution = chosen_institution(request, "manage")
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.enter_survey(request.user, institution, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已录入调查结果。"))
            return redirect("oversight_staff:surveys")
    return render(
        request,
        "oversight/staff/surveys.html",
        {
            "institution": institution,
            "form": form,
            "surveys": Survey.objects.filter(institution=institution),
            "tab": "oversight",
            "sub": "surveys",
        },
        status=400 if form.is_bound and form.errors else 200,
    )


# ---------------------------------------------------------------- mailboxes (the office's 信箱设置)

BOX_SECTIONS = (
    (gettext_lazy("信箱"), "", ("name", "kind", "description", "active", "requires_contact", "order")),
    (gettext_lazy("谁来办理"), "", ("department", "handlers")),
    (
        gettext_lazy("答复期限"),
        gettext_lazy(
            "自收信次日起按工作日计算（节假日、调休按工作日历）。修改只影响此后收到的来信，已收到的来信按收信时的期限办理。"
        ),
        ("deadline_days", "extension_allowed", "extension_days"),
    ),
    (gettext_lazy("公开答复"), "", ("public_replies", "public_reply_needs_consent")),
)


def _box_form(request, institution, box: Mailbox | None) -> MailboxForm:
    if box is not None:
        initial = {k: getattr(box, k) for k in services.MAILBOX_SETTINGS}
        initial["handlers"] = list(box.handlers.all())
    else:
        initial = {**rules()["mailbox_defaults"], "requires_contact": True, "active": True, "order": 100}
    return MailboxForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        institution=institution,
        handler_choices=services.handler_candidates(institution),
        longest=rules()["max_deadline_days"],
    )


@staff_required
def boxes(request):
    """The office's list of its institution's boxes with who handles them and their terms."""
    institution = chosen_institution(request, "manage")
    rows = (
        Mailbox.objects.filter(institution=institution)
        .select_related("department")
        .prefetch_related("handlers")
        .annotate(open_letters=Count("letters", filter=Q(letters__state__in=OPEN_STATES)))
    )
    return render(
        request,
        "oversight/staff/boxes.html",
        {"institution": institution, "boxes": rows, "tab": "oversight", "sub": "boxes"},
    )


@staff_required
def box_form(request, box_id: int | None = None):
    """Open a box, or change a box's handlers, deadline, extension and public-reply settings."""
    if box_id is None:
        institution = chosen_institution(request, "manage")
        box = None
    else:
        box = get_object_or_404(Mailbox.objects.select_related("institution"), pk=box_id)
        require(request.user, "manage", box)
        institution = box.institution
    form = _box_form(request, institution, box)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        handlers = data.pop("handlers")
        try:
            if box is None:
                box = services.create_mailbox(request.user, institution, handlers=handlers, **data)
                messages.success(request, _("已开设信箱“%(name)s”。") % {"name": box.name})
            else:
                expected = int_param(request.POST.get("revision"), minimum=0)
                box = services.update_mailbox(request.user, box, data, handlers=handlers, expected_revision=expected)
                messages.success(request, _("已保存信箱设置。"))
        except ValidationError as exc:
            add_service_errors(form, exc)
        except services.Conflict as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(f"{reverse('oversight_staff:boxes')}?i={institution.slug}")
    history = []
    if box is not None:
        history = AuditEvent.objects.filter(
            institution=institution, object_type="Mailbox", object_id=str(box.pk)
        ).select_related("actor")[:20]
    return render(
        request,
        "oversight/staff/box_form.html",
        {
            "institution": institution,
            "box": box,
            "form": form,
            "history": history,
            "sections": [(legend, note, [form[name] for name in names]) for legend, note, names in BOX_SECTIONS],
            "tab": "oversight",
            "sub": "boxes",
        },
        status=400 if form.is_bound and form.errors else 200,
    )
