"""The notices the law requires (补正告知书, 延期答复告知书, 征求意见函) and the 文号 of reply letters.

A service that decides something the law wants written down runs under `@issuing` instead of
`@transaction.atomic` and calls `record(...)` inside its transaction: the notice's row is written there,
with its 文号 drawn from the counter (`numbering.draw`), so a refused decision leaves neither a row nor a
gap in the numbers. When that transaction has ended, `issuing` produces each recorded notice (`produce`):
its text from the office's template (`NoticeTemplate`, default data/notice_templates.json) is rendered to
DOCX and PDF outside any write transaction; then, in one short transaction, the files are stored
(`core/stored_files.py`) and the notice is handed on: by e-mail through `xxgk.notify` (queued with both
files attached, sent after the commit, retried and shown there), or, for an applicant who gave neither
e-mail nor address, on the status page. A notice that goes by post is delivered when the office records
the postal date (`record_posting`). A notice whose files could not be rendered is produced again from the
staff page.
"""

from __future__ import annotations

import functools
import logging
from contextvars import ContextVar
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk.core import site, stored_files
from xxgk.foi.journal import APPLICATIONS
from xxgk.foi.letters import render_template_text, to_docx, to_pdf
from xxgk.foi.loader import notice_template, rules_for
from xxgk.foi.models import Application, EventAction, Notice, NoticeDelivery, NoticeKind
from xxgk.foi.numbering import draw
from xxgk.org.policy import require
from xxgk.workcalendar.calendar import provisional_suffix

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_PENDING: ContextVar[list[int] | None] = ContextVar("foi_pending_notices", default=None)
log = logging.getLogger(__name__)


def issuing(service):
    """Run `service` in one transaction; afterwards produce (and e-mail) the notices it recorded."""

    @functools.wraps(service)
    def run(*args, **kwargs):
        pending: list[int] = []
        token = _PENDING.set(pending)
        try:
            with transaction.atomic():
                result = service(*args, **kwargs)
        finally:
            _PENDING.reset(token)
        for pk in pending:
            try:
                produce(Notice.objects.get(pk=pk))
            except Exception:  # noqa: BLE001 - the decision stands; the staff page offers to produce it again
                log.exception("notice %s was recorded but could not be produced or sent", pk)
        return result

    return run


def choose_delivery(delivery: str | None, email: str, address: str, *, applicant: bool) -> str:
    """The delivery asked for, else e-mail, else post, else (for the applicant only) the status page."""
    if not delivery:
        if email:
            return NoticeDelivery.EMAIL
        if address or not applicant:
            delivery = NoticeDelivery.POST
        else:
            return NoticeDelivery.ONLINE
    if delivery not in NoticeDelivery.values or (delivery == NoticeDelivery.ONLINE and not applicant):
        raise ValidationError({"delivery": _("请选择送达方式。")})
    if delivery == NoticeDelivery.EMAIL and not email:
        raise ValidationError({"delivery": _("没有收件人的电子邮箱，请选择其他送达方式。")})
    if delivery == NoticeDelivery.POST and not address:
        raise ValidationError({"delivery": _("没有收件人的通讯地址，不能邮寄；请选择其他送达方式。")})
    return delivery


def record(
    actor,
    app: Application,
    kind: str,
    *,
    on: date,
    delivery: str | None = None,
    recipient: str | None = None,
    recipient_email: str | None = None,
    recipient_address: str | None = None,
    **fields,
) -> Notice:
    """The numbered notice row, written in the caller's transaction (the recipient defaults to the applicant)."""
    applicant = recipient is None
    if applicant:
        recipient = app.name
        recipient_email = app.email if recipient_email is None else recipient_email
        recipient_address = (
            " ".join(x for x in (app.address, app.postcode) if x) if recipient_address is None else recipient_address
        )
    recipient_email = recipient_email or ""
    delivery = choose_delivery(delivery, recipient_email, recipient_address or "", applicant=applicant)
    number, year, seq = draw(app.institution, kind, on)
    notice = Notice.objects.create(
        institution=app.institution,
        application=app,
        kind=kind,
        number=number,
        year=year,
        seq=seq,
        issued_on=on,
        issuer=app.institution.office_name,
        recipient=recipient,
        recipient_email=recipient_email,
        recipient_address=recipient_address or "",
        delivery=delivery,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **fields,
    )
    pending = _PENDING.get()
    if pending is None:
        raise transaction.TransactionManagementError("record a notice inside a service decorated with @issuing")
    pending.append(notice.pk)
    return notice


def reply_number(actor, app: Application, on: date) -> Notice:
    """The 文号 of the application's reply letter: drawn once, in its own transaction, before the letter is
    rendered; a send that is refused afterwards keeps it for the next attempt, so no number is lost."""
    with transaction.atomic():
        app = APPLICATIONS.lock(app)
        existing = Notice.objects.filter(application=app, kind=NoticeKind.REPLY).first()
        if existing is not None:
            if existing.issued_on != on:  # a send retried on another day: the letter is dated that day
                existing.issued_on = on
                existing.save(update_fields=["issued_on"])
            return existing
        number, year, seq = draw(app.institution, NoticeKind.REPLY, on)
        return Notice.objects.create(
            institution=app.institution,
            application=app,
            kind=NoticeKind.REPLY,
            number=number,
            year=year,
            seq=seq,
            issued_on=on,
            issuer=app.institution.office_name,
            recipient=app.name,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )


# ---------------------------------------------------------------- the document


def status_url(app: Application) -> str:
    origin = site.configured()
    return f"{origin}{reverse('foi:status', args=[app.institution.slug])}" if origin else ""


def render_notice(notice: Notice) -> tuple[str, list[str]]:
    """(title, paragraphs) of the notice from the office's template."""
    app = notice.application
    template = notice_template(app.institution, notice.kind)
    text = render_template_text(
        template.body,
        {
            "application": app,
            "notice": notice,
            "institution": app.institution,
            "rules": rules_for(app.institution),
            "status_url": status_url(app),
            # "（暂定）" after a date that rests on a year whose official holiday arrangement is not out yet
            "deadline_note": provisional_suffix(notice.deadline) if notice.deadline else "",
        },
    )
    return template.title, [p.strip() for p in text.splitlines() if p.strip()]


def render_files(notice: Notice) -> tuple[bytes, bytes]:
    title, paragraphs = render_notice(notice)
    app = notice.application
    args = (title, paragraphs, app.institution.name, notice.issued_on, app.code)
    ref = {"number": notice.number, "issuer": notice.issuer}
    return to_docx(*args, **ref), to_pdf(*args, **ref)


def filename(notice: Notice, fmt: str) -> str:
    return f"{notice.get_kind_display()}-{notice.application.code}-{notice.seq}.{fmt}"


#: The notify kind that e-mails each notice, and what its text is given besides application and notice.
MESSAGE_KINDS = {
    NoticeKind.CORRECTION: ("foi.correction", lambda n: {"missing": n.text, "deadline": n.deadline}),
    NoticeKind.EXTENSION: ("foi.extended", lambda n: {"reason": n.text, "due_on": n.deadline}),
    NoticeKind.CONSULTATION: ("foi.consultation_letter", lambda n: {"answer_by": n.deadline}),
}


def produce(notice: Notice) -> Notice:
    """Render the notice's DOCX and PDF (outside any write transaction), store them with its row and hand it
    on: an e-mail notice is queued to `xxgk.notify` with both files attached (sent after the commit, retried
    there on failure); an online notice is on the applicant's status page from now on."""
    if notice.docx and notice.pdf:
        return notice
    docx_bytes, pdf_bytes = render_files(notice)
    with transaction.atomic():
        app = APPLICATIONS.lock(notice.application)
        notice = Notice.objects.select_for_update().get(pk=notice.pk)
        if notice.docx and notice.pdf:  # produced meanwhile by another request
            return notice
        stored_files.save(notice.docx, f"{notice.kind}-{notice.seq}.docx", ContentFile(docx_bytes))
        stored_files.save(notice.pdf, f"{notice.kind}-{notice.seq}.pdf", ContentFile(pdf_bytes))
        fields = ["docx", "pdf"]
        if notice.delivery == NoticeDelivery.EMAIL and not notice.delivered:
            notice.message = _queue_email(app, notice)
            fields.append("message")
        if notice.delivery in (NoticeDelivery.EMAIL, NoticeDelivery.ONLINE) and not notice.delivered:
            if notice.delivery == NoticeDelivery.ONLINE or notice.message is not None:
                notice.sent_at = timezone.now()
                fields.append("sent_at")
                APPLICATIONS.write(
                    app,
                    notice.created_by,
                    EventAction.NOTICE_SENT,
                    from_state=app.state,
                    kind=notice.kind,
                    number=notice.number,
                    delivery=notice.delivery,
                )
        notice.save(update_fields=fields)
    return notice


def _queue_email(app: Application, notice: Notice):
    """The notify message carrying the notice (None when the institution turned that kind of message off)."""
    from xxgk.foi.applicant_messages import case_link
    from xxgk.notify.services import queue

    key, extra = MESSAGE_KINDS[notice.kind]
    return queue(
        key,
        institution=app.institution,
        to=notice.recipient_email,
        about=app,
        context={
            "application": app,
            "notice": notice,
            "link": case_link(app) if notice.recipient_email == app.email else status_url(app),
            **extra(notice),
        },
        attachments=[
            {"name": filename(notice, "pdf"), "path": notice.pdf.name},
            {"name": filename(notice, "docx"), "path": notice.docx.name},
        ],
    )


@transaction.atomic
def record_posting(actor, notice: Notice, *, postal_date: date, today: date | None = None) -> Notice:
    """The office records the day the notice was posted (交邮日期)."""
    app = APPLICATIONS.lock(notice.application)
    require(actor, "handle", app)
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    today = today or timezone.localdate()
    if notice.kind == NoticeKind.REPLY:
        raise ValidationError(_("答复书随答复发送，无需单独登记。"))
    if not notice.pdf:
        raise ValidationError(_("告知书文件尚未生成，请先重新生成。"))
    if notice.delivered:
        raise ValidationError(_("该文书已经送达。"))
    if postal_date < notice.issued_on:
        raise ValidationError({"postal_date": _("邮寄日期不能早于发文日期。")})
    if postal_date > today:
        raise ValidationError({"postal_date": _("邮寄日期不能晚于今天。")})
    if notice.kind == NoticeKind.EXTENSION and notice.original_due and postal_date > notice.original_due:
        raise ValidationError(
            {"postal_date": _("延期答复告知书须在原答复期限（%(d)s）前寄出。") % {"d": notice.original_due}}
        )
    notice.postal_date = postal_date
    notice.save(update_fields=["postal_date"])
    APPLICATIONS.write(
        app,
        actor,
        EventAction.NOTICE_POSTED,
        from_state=app.state,
        kind=notice.kind,
        number=notice.number,
        postal_date=postal_date.isoformat(),
    )
    return notice


# ---------------------------------------------------------------- the office's templates

TEMPLATE_FIELDS = ("title", "body")


@transaction.atomic
def update_notice_template(actor, template, **fields):
    """The office edits the text of one kind of notice."""
    from xxgk.core.audit import audit
    from xxgk.foi.models import NoticeTemplate

    template = NoticeTemplate.objects.select_for_update().get(pk=template.pk)
    require(actor, "manage", template.institution)
    unknown = set(fields) - set(TEMPLATE_FIELDS)
    if unknown:
        raise ValueError(f"not settable: {sorted(unknown)}")
    changed = [name for name, value in fields.items() if getattr(template, name) != value]
    for name in changed:
        setattr(template, name, fields[name])
    if changed:
        template.save(update_fields=[*changed, "updated_at"])
        audit(
            actor,
            "foi_notice_template_updated",
            template,
            _("修改告知书模板：%(t)s") % {"t": template.get_kind_display()},
            institution=template.institution,
        )
    return template
