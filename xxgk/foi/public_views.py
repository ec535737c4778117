"""The applicant's side: the form, the receipt, the status page with the reply and its letter.

Nothing here ever shows the applicant's identity or contact details.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from xxgk.core import once
from xxgk.core import spam as core_spam
from xxgk.core.links import case_from_link
from xxgk.core.serving import file_response as stored_file_response
from xxgk.foi import apply_guide, reply_files, services, spam
from xxgk.foi.applicant_messages import LINK_KIND
from xxgk.foi.forms import LookupForm, PublicApplicationForm, SupplementForm, WithdrawForm
from xxgk.foi.loader import rules_for
from xxgk.foi.models import APPLICANT_NOTICES, Application, Notice, State
from xxgk.foi.notices import DOCX_TYPE, filename
from xxgk.org.models import Institution

PUBLIC_EVENTS = (
    "submitted",
    "registered",
    "correction_requested",
    "supplemented",
    "withdrawn",
    "consultation_started",
    "consultation_ended",
    "extended",
    "notice_sent",
    "notice_posted",
    "consultation_lapsed",
    "sent",
    "cancelled",
)
SESSION_ACCESS = "foi_access"
SESSION_RECEIPT = "foi_receipt"
# lazy: translated when shown, in the visitor's language (a module-level gettext would fix it at import)
PUBLIC_STAGE = {
    State.RECEIVED: gettext_lazy("已受理，正在办理"),
    State.ROUTED: gettext_lazy("正在办理"),
    State.DRAFTED: gettext_lazy("正在办理"),
    State.APPROVED: gettext_lazy("正在办理"),
    State.AWAITING_CORRECTION: gettext_lazy("需要补正"),
    State.CLOSED: gettext_lazy("已答复"),
    State.WITHDRAWN: gettext_lazy("逾期未补正，视为放弃申请"),
    State.CANCELLED: gettext_lazy("申请人已撤回申请"),
}


def _institution(slug: str) -> Institution:
    return get_object_or_404(Institution, slug=slug)


@never_cache
def apply(request, slug: str):
    institution = _institution(slug)
    rules = rules_for(institution)
    status = 200
    if request.method == "POST":
        form = PublicApplicationForm(request.POST)
        problem = None
        token = request.POST.get("token", "")
        prior = once.first(services.ONCE_SCOPE, token)
        if prior is not None:  # a repeat (a double click, a reload): what the first submit made
            return _show_receipt(request, institution, *prior)
        if request.POST.get(spam.HONEYPOT):
            problem = _("提交未被接受。请不要填写标注“请勿填写此项”的栏目。")
        elif spam.limited("submit", request, spam.submit_limit()):
            problem = _("同一网络在一小时内提交的申请过多，请稍后再试，或通过信函、当面方式提交。")
            status = 429
        else:
            verdict = spam.check_token(request.POST.get("token", ""))
            if verdict == "too_fast":
                problem = _("提交过快，请核对所填内容后再次提交。")
            elif verdict == "expired":
                problem = _("页面停留时间过长，请核对所填内容后再次提交。")
            elif verdict == "invalid":
                problem = _("表单已失效，请核对所填内容后再次提交。")
        if problem is None and form.is_valid() and not spam.take("submit", request, spam.submit_limit()):
            # counted and checked in one step: concurrent submits cannot pass the hour's limit together
            problem = _("同一网络在一小时内提交的申请过多，请稍后再试，或通过信函、当面方式提交。")
            status = 429
        if problem is None and form.is_valid():
            try:
                receipt = services.submit_online(institution, form.applicant, once_token=token)
            except once.AlreadyUsed:  # the same form sent twice at once: the other submit made it
                return _show_receipt(request, institution, *once.first(services.ONCE_SCOPE, token))
            return _show_receipt(request, institution, receipt.application.code, receipt.secret)
        if problem:
            form.add_error(None, problem)
        # a new token each time, so a corrected resubmission is accepted; what was typed stays
        data = request.POST.copy()
        data["token"] = spam.make_token()
        data[spam.HONEYPOT] = ""
        form.data = data
        if status == 200:
            status = 400
    else:
        form = PublicApplicationForm(
            initial={
                "token": spam.make_token(),
                "applicant_type": "natural",
                "id_type": "resident_id",
                "info_form": "electronic",
                "delivery": "online",
            }
        )
    return render(request, "foi/apply.html", {"institution": institution, "form": form, "rules": rules}, status=status)


@require_GET
def guide(request, slug: str):
    """申请须知 and the handling flow, with the institution's own figures."""
    return render(request, "foi/guide.html", apply_guide.guide_context(_institution(slug)))


@require_GET
@cache_control(public=True, max_age=600)
@vary_on_headers("Cookie", "Accept-Language")
def form_pdf(request, slug: str):
    """The printable 申请表 for applying by letter or in person: no session, no token, the same for everyone."""
    institution = _institution(slug)
    response = HttpResponse(apply_guide.form_pdf(institution), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="apply-form-{institution.slug}.pdf"'
    return response


def _show_receipt(request, institution, code: str, secret: str):
    app = get_object_or_404(Application, institution=institution, code=code)
    request.session[SESSION_RECEIPT] = {"code": code, "secret": secret}
    _grant_access(request, app)
    return redirect("foi:receipt", slug=institution.slug)


def _grant_access(request, app: Application) -> None:
    allowed = list(request.session.get(SESSION_ACCESS, []))
    if app.pk not in allowed:
        allowed.append(app.pk)
    request.session[SESSION_ACCESS] = allowed[-20:]


def case_by_link(request, slug: str, token: str):
    """The signed link in a message to the applicant: opens the application as code and password would."""
    institution = _institution(slug)
    app = case_from_link(token, LINK_KIND, Application.objects.filter(institution=institution))
    if app is None:
        messages.error(request, _("链接无效或已过期，请用查询码和密码查询。"))
        return redirect("foi:status", slug=slug)
    _grant_access(request, app)
    return redirect("foi:status_detail", slug=slug, code=app.code)


@never_cache
def receipt(request, slug: str):
    institution = _institution(slug)
    data = request.session.pop(SESSION_RECEIPT, None)
    if not data:
        return redirect("foi:status", slug=slug)
    app = get_object_or_404(Application, institution=institution, code=data["code"])
    return render(
        request, "foi/receipt.html", {"institution": institution, "application": app, "secret": data["secret"]}
    )


@never_cache
def status(request, slug: str):
    institution = _institution(slug)
    form = LookupForm(request.POST or None)
    code = 200
    if request.method == "POST":
        # before the secret is hashed: every lookup counts, and failures have their own tighter limit
        if not core_spam.lookup_allowed(request) or spam.limited("lookup", request, spam.lookup_failure_limit()):
            form.add_error(None, _("查询失败次数过多，请一小时后再试。"))
            code = 429
        elif form.is_valid():
            app = services.check_secret(institution, form.cleaned_data["code"], form.cleaned_data["secret"])
            if app is not None:
                _grant_access(request, app)
                return redirect("foi:status_detail", slug=slug, code=app.code)
            spam.hit("lookup", request)
            form.add_error(None, _("查询码或查询密码不正确，请核对后重试。"))
            code = 400
    return render(request, "foi/status.html", {"institution": institution, "form": form}, status=code)


def _accessible(request, institution, code: str) -> Application:
    app = (
        Application.objects.filter(institution=institution, code=(code or "").upper())
        .select_related("institution")
        .first()
    )
    if app is None or app.pk not in request.session.get(SESSION_ACCESS, []):
        raise Http404("not accessible")
    return app


@never_cache
def status_detail(request, slug: str, code: str):
    institution = _institution(slug)
    try:
        app = _accessible(request, institution, code)
    except Http404:
        messages.error(request, _("请输入查询码和查询密码。"))
        return redirect("foi:status", slug=slug)
    return _status_page(request, institution, app)


def _status_page(request, institution, app: Application, *, supplement_form=None, withdraw_form=None, status=200):
    """The applicant's status page; a form sent back with its errors is shown in place of the empty one."""
    return render(
        request,
        "foi/status_detail.html",
        {
            "institution": institution,
            "application": app,
            "stage": PUBLIC_STAGE.get(app.state, ""),
            "reply": getattr(app, "reply", None) if app.state == State.CLOSED else None,
            "files": reply_files.disclosed(app),
            "supplement_form": supplement_form
            or (SupplementForm() if app.state == State.AWAITING_CORRECTION else None),
            "withdraw_form": (withdraw_form or WithdrawForm()) if app.is_open else None,
            "notices": _public_notices(app),
            "events": app.events.filter(action__in=PUBLIC_EVENTS).order_by("at", "id"),
        },
        status=status,
    )


@require_POST
def withdraw(request, slug: str, code: str):
    """The applicant withdraws the application (申请人撤回); access as for the status page (code and secret)."""
    from xxgk.foi.withdrawal import withdraw as withdraw_application

    institution = _institution(slug)
    app = _accessible(request, institution, code)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            withdraw_application(app, note=form.cleaned_data["note"])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        except services.Conflict as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("申请已撤回，本校不再办理。"))
            return redirect("foi:status_detail", slug=slug, code=app.code)
    app.refresh_from_db()
    return _status_page(request, institution, app, withdraw_form=form, status=400)


@require_POST
def supplement(request, slug: str, code: str):
    institution = _institution(slug)
    app = _accessible(request, institution, code)
    form = SupplementForm(request.POST)
    if form.is_valid():
        try:
            services.supplement(
                None, app, text=form.cleaned_data["text"], changes={"title": form.cleaned_data["title"]}
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("补正已提交，答复期限自今天起重新计算。"))
            return redirect("foi:status_detail", slug=slug, code=app.code)
    return _status_page(request, institution, app, supplement_form=form, status=400)


def _public_notices(app: Application):
    """The notices addressed to the applicant, once their files exist (a 征求意见函 goes to the third party)."""
    return app.notices.filter(kind__in=APPLICANT_NOTICES).exclude(pdf="").order_by("issued_on", "id")


def notice(request, slug: str, code: str, notice_pk: int, fmt: str):
    institution = _institution(slug)
    app = _accessible(request, institution, code)
    found = _public_notices(app).filter(pk=notice_pk).first()
    if found is None:
        raise Http404("no notice")
    return notice_response(found, fmt)


def notice_response(notice: Notice, fmt: str):
    field = {"pdf": notice.pdf, "docx": notice.docx}.get(fmt)
    if not field:
        raise Http404("no such file")
    content_type = "application/pdf" if fmt == "pdf" else DOCX_TYPE
    return stored_file_response(field, filename=filename(notice, fmt), content_type=content_type)


@never_cache
def reply_file(request, slug: str, code: str, file_pk: int):
    """A file the sent reply provides, after the code and password (or the signed link) opened the case."""
    institution = _institution(slug)
    app = _accessible(request, institution, code)
    return file_response(_disclosed(app, file_pk))


@never_cache
def file_by_link(request, slug: str, token: str, file_pk: int):
    """The signed link in the reply's message that downloads one of its files."""
    institution = _institution(slug)
    app = case_from_link(token, LINK_KIND, Application.objects.filter(institution=institution))
    if app is None:
        messages.error(request, _("链接无效或已过期，请用查询码和密码查询。"))
        return redirect("foi:status", slug=slug)
    return file_response(_disclosed(app, file_pk))


def _disclosed(app: Application, file_pk: int):
    found = next((f for f in reply_files.disclosed(app) if f.pk == file_pk), None)
    if found is None:
        raise Http404("no such file")
    return found


def file_response(row):
    """A reply's file as stored: the masked copy once masked; the original is never served from here."""
    return stored_file_response(row.file, filename=row.name, content_type=row.content_type)


def letter(request, slug: str, code: str, fmt: str):
    institution = _institution(slug)
    app = _accessible(request, institution, code)
    reply = getattr(app, "reply", None)
    if app.state != State.CLOSED or reply is None:
        raise Http404("no letter")
    return letter_response(app, reply, fmt)


def letter_response(app, reply, fmt: str):
    field = {"pdf": reply.letter_pdf, "docx": reply.letter_docx}.get(fmt)
    if not field:
        raise Http404("no such letter")
    content_type = (
        "application/pdf" if fmt == "pdf" else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    return stored_file_response(field, filename=f"答复书-{app.code}.{fmt}", content_type=content_type)
