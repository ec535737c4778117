"""Public mailbox pages: the boxes, the form, the receipt, the writer's lookup, public replies and ratings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xxgk.core import once, spam
from xxgk.core.forms import add_service_errors
from xxgk.core.links import case_from_link
from xxgk.core.params import int_param
from xxgk.org.models import Institution
from xxgk.oversight import services
from xxgk.oversight.forms import LetterForm, LookupForm, RatingForm
from xxgk.oversight.models import Letter, LetterReply, Mailbox
from xxgk.oversight.rules_data import rules
from xxgk.oversight.writer_messages import LINK_KIND

FORM_MIN_SECONDS = rules()["form_min_seconds"]
SESSION_RECEIPT = "oversight_receipt"
SESSION_LETTERS = "oversight_letters"


def _institution(slug: str) -> Institution:
    return get_object_or_404(Institution, slug=slug)


client_ip = spam.client_ip


def over_limit(request, bucket: str, limit: int) -> bool:
    """Count one hit for this visitor in `bucket`; True when the hour's limit is exceeded."""
    return not spam.take(f"oversight:{bucket}", request, limit)


def form_token(box: Mailbox) -> str:
    return spam.make_token(f"mailbox:{box.pk}")


def check_form_token(token: str, box: Mailbox) -> str | None:
    """None when the token is good; otherwise a Chinese message."""
    problem = spam.check_token(
        token, f"mailbox:{box.pk}", min_seconds=FORM_MIN_SECONDS, max_age=rules()["form_max_seconds"]
    )
    return {
        None: None,
        "expired": _("页面停留时间过长，请检查内容后重新提交。"),
        "too_fast": _("提交过快，请检查内容后再提交。"),
    }.get(problem, _("提交失败，请刷新页面后重试。"))


def boxes(request, slug: str):
    institution = _institution(slug)
    open_boxes = Mailbox.objects.open_to_public(institution)
    rows = open_boxes.select_related("department")
    from xxgk.oversight.rules_data import invalid_reasons

    return render(
        request,
        "oversight/boxes.html",
        {
            "institution": institution,
            "boxes": rows,
            "box_kinds": open_boxes.kind_labels(),
            "invalid_reasons": invalid_reasons(),
        },
    )


def box(request, slug: str, box_id: int):
    institution = _institution(slug)
    mailbox = get_object_or_404(Mailbox, pk=box_id, institution=institution, active=True)
    replies = (
        LetterReply.objects.published()
        .filter(letter__mailbox=mailbox)
        .select_related("letter")
        .order_by("-sent_at")[:100]
    )
    return render(request, "oversight/box.html", {"institution": institution, "box": mailbox, "replies": replies})


def write(request, slug: str, box_id: int):
    institution = _institution(slug)
    mailbox = get_object_or_404(Mailbox, pk=box_id, institution=institution, active=True)
    form = LetterForm(request.POST or None)
    if not (mailbox.public_replies and mailbox.public_reply_needs_consent):
        del form.fields["wants_public_reply"]  # nothing to ask: the box's replies stay private, or need no consent
    status = 200
    if request.method == "POST":
        problem = None
        token = request.POST.get("token", "")
        prior = once.first(services.ONCE_SCOPE, token)
        if prior is not None:  # a repeat (a double click, a reload): what the first submit made
            return _show_receipt(request, slug, *prior)
        if request.POST.get("homepage"):
            problem = _("提交失败，请刷新页面后重试。")
        else:
            problem = check_form_token(token, mailbox)
        if problem is None and over_limit(request, "write", rules()["letters_per_ip_per_hour"]):
            problem = _("您提交得太频繁了，请一小时后再试。")
        if problem:
            form.is_valid()
            form.add_error(None, problem)
            status = 400
        elif form.is_valid():
            data = form.cleaned_data
            try:
                letter, password = services.submit_letter(
                    mailbox,
                    writer_name=data["writer_name"],
                    writer_contact=data["writer_contact"],
                    subject=data["subject"],
                    message=data["message"],
                    wants_public_reply=data.get("wants_public_reply", False),
                    files=request.FILES.getlist("attachments"),
                    once_token=token,
                )
            except once.AlreadyUsed:  # the same form sent twice at once: the other submit made it
                return _show_receipt(request, slug, *once.first(services.ONCE_SCOPE, token))
            except ValidationError as exc:
                add_service_errors(form, exc)
                status = 400
            else:
                return _show_receipt(request, slug, letter.query_code, password)
        else:
            status = 400
    return render(
        request,
        "oversight/write.html",
        {
            "institution": institution,
            "box": mailbox,
            "form": form,
            "token": form_token(mailbox),
            "max_attachments": rules()["max_attachments"],
        },
        status=status,
    )


def _show_receipt(request, slug: str, code: str, password: str):
    letter = get_object_or_404(Letter.objects.select_related("mailbox"), query_code=code, institution__slug=slug)
    request.session[SESSION_RECEIPT] = {
        "code": letter.query_code,
        "password": password,
        "box": letter.mailbox.name,
        "due": letter.due_on.isoformat(),
    }
    return redirect("oversight:receipt", slug=slug)


def receipt(request, slug: str):
    institution = _institution(slug)
    data = request.session.pop(SESSION_RECEIPT, None)
    response = render(request, "oversight/receipt.html", {"institution": institution, "receipt": data})
    response["Cache-Control"] = "no-store"
    return response


def lookup(request, slug: str):
    institution = _institution(slug)
    form = LookupForm(request.POST or None)
    letter = None
    status = 200
    if request.method == "POST" and not spam.lookup_allowed(request):
        # before the password is hashed
        form.is_valid()
        form.add_error(None, _("查询次数过多，请一小时后再试。"))
        status = 429
    elif request.method == "POST" and form.is_valid():
        try:
            found = services.lookup(form.cleaned_data["query_code"], form.cleaned_data["password"])
            if found.institution_id != institution.id:
                raise services.LookupRefused(_("查询码或密码不正确。"))
        except services.LookupRefused as exc:
            form.add_error(None, str(exc))
            status = 400
        else:
            letter = found
            allowed = set(request.session.get(SESSION_LETTERS, []))
            allowed.add(letter.pk)
            request.session[SESSION_LETTERS] = sorted(allowed)
    elif (opened := int_param(request.GET.get("letter"), minimum=0)) is not None:
        # back from rating: the letter opened earlier in this session
        if opened in request.session.get(SESSION_LETTERS, []):
            letter = Letter.objects.filter(pk=opened, institution=institution).first()
    response = render(
        request,
        "oversight/lookup.html",
        {
            "institution": institution,
            "form": form,
            "letter": letter,
            "reply": getattr(letter, "reply", None) if letter else None,
            "writer_rating": letter and letter.events.filter(action="rated").exists(),
            "rating_form": RatingForm(),
        },
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response


def case_by_link(request, slug: str, token: str):
    """The signed link in a message to the writer: opens their letter as a lookup with code and password would."""
    institution = _institution(slug)
    letter = case_from_link(token, LINK_KIND, Letter.objects.filter(institution=institution))
    if letter is None:
        messages.error(request, _("链接无效或已过期，请用查询码和密码查询。"))
        return redirect("oversight:lookup", slug=slug)
    allowed = set(request.session.get(SESSION_LETTERS, []))
    allowed.add(letter.pk)
    request.session[SESSION_LETTERS] = sorted(allowed)
    return redirect(f"{reverse('oversight:lookup', args=[slug])}?letter={letter.pk}")


@require_POST
def rate_as_writer(request, slug: str, letter_id: int):
    institution = _institution(slug)
    if letter_id not in request.session.get(SESSION_LETTERS, []):
        raise PermissionDenied("lookup first")
    letter = get_object_or_404(Letter, pk=letter_id, institution=institution)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            services.rate_by_writer(letter, stars=form.cleaned_data["stars"], comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("感谢您的评价。"))
    else:
        messages.error(request, _("请选择 1 到 5 星的评分。"))
    return redirect(reverse("oversight:lookup", kwargs={"slug": slug}) + f"?letter={letter.pk}")


def reply_detail(request, slug: str, pk: int):
    institution = _institution(slug)
    reply = get_object_or_404(
        LetterReply.objects.published().select_related("letter", "letter__mailbox"),
        pk=pk,
        letter__institution=institution,
    )
    return render(request, "oversight/reply.html", {"institution": institution, "reply": reply})


def _target(institution, kind: str, pk: int):
    if kind == "record":
        from xxgk.publishing.models import Record

        target = get_object_or_404(Record.objects.published(institution), pk=pk)
        return target, reverse("portal:record", kwargs={"slug": institution.slug, "pk": pk})
    if kind == "reply":
        target = get_object_or_404(LetterReply.objects.published(), pk=pk, letter__institution=institution)
        return target, reverse("oversight:reply", kwargs={"slug": institution.slug, "pk": pk})
    from django.http import Http404

    raise Http404("unknown kind")


def rate(request, slug: str, kind: str, pk: int):
    """A visitor's rating of a public record or reply (no account; limited per visitor)."""
    institution = _institution(slug)
    target, back = _target(institution, kind, pk)
    nxt = request.POST.get("next") or request.GET.get("next")
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        back = nxt
    if request.method != "POST":
        # the star links on a record page arrive here with ?stars=N: that star is chosen, the rest is one click
        stars = request.GET.get("stars")
        form = RatingForm(initial={"stars": int(stars)} if stars in {"1", "2", "3", "4", "5"} else None)
        return render(
            request,
            "oversight/rate.html",
            {"institution": institution, "form": form, "kind": kind, "target": target, "back": back},
        )
    form = RatingForm(request.POST)
    if over_limit(request, "rate", rules()["ratings_per_ip_per_hour"]):
        form.is_valid()
        form.add_error(None, _("您评价得太频繁了，请稍后再试。"))
    elif form.is_valid():
        try:
            services.rate(
                target, stars=form.cleaned_data["stars"], comment=form.cleaned_data["comment"], ip=client_ip(request)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("感谢您的评价。"))
            return redirect(back)
    return render(
        request,
        "oversight/rate.html",
        {"institution": institution, "form": form, "kind": kind, "target": target, "back": back},
        status=400,
    )
