"""Every change to a mailbox letter, case, rating or survey goes through these functions.

Letter steps check the actor through `xxgk.org.policy`, re-read the letter under
a row lock with an optimistic revision check, and write a LetterEvent in the
same transaction. The handling chain:

    received → (escalated) → drafting → approving (department head) → checking (office wording)
             → ready → replied → archived;   received/escalated → invalid (with a stated reason)

A letter the office answers itself skips the department head.
"""

from __future__ import annotations

import functools
import hashlib
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xxgk.core import once, stored_files
from xxgk.core.audit import audit
from xxgk.core.transitions import Conflict as Conflict  # re-exported: views catch services.Conflict
from xxgk.core.transitions import Journal, create_unique, lock, random_code, save_changes
from xxgk.org.policy import require
from xxgk.oversight.letter_deadlines import due_after, extension_refusal
from xxgk.oversight.masking import mask_for_public, masked_writer
from xxgk.oversight.models import (
    TRANSFER_KINDS,
    Case,
    CaseKind,
    CaseStage,
    Letter,
    LetterAction,
    LetterAttachment,
    LetterEvent,
    LetterReply,
    LetterState,
    LitigationRoute,
    Mailbox,
    MailboxKind,
    Outcome,
    Rating,
    SourceKind,
    Survey,
)
from xxgk.oversight.rules_data import invalid_reasons, rules
from xxgk.oversight.writer_messages import tell_writer

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
PASSWORD_ALPHABET = "23456789abcdefghijkmnpqrstuvwxyz"
#: The public form's tokens are used once, in this scope (`xxgk.core.once`).
ONCE_SCOPE = "oversight:write"
LETTERS = Journal(
    Letter,
    LetterEvent,
    subject="letter",
    conflict_message=gettext_lazy("该来信已被他人处理，请刷新页面后再操作。"),
    related=("mailbox", "mailbox__department", "routed_department", "institution"),
    columns=("department",),
)


class LookupRefused(Exception):
    """The query code and password did not open a letter; the message is safe to show."""


# ---------------------------------------------------------------- helpers


def _new_code(_attempt: int) -> str:
    return random_code(CODE_ALPHABET, 10)


def _new_password() -> str:
    return random_code(PASSWORD_ALPHABET, 8)


def due_for(mailbox: Mailbox, received_on: date) -> date:
    """When a letter to `mailbox` received on `received_on` is due, on its institution's calendar today."""
    from xxgk.workcalendar.calendar import calendar_for

    return due_after(received_on, mailbox.deadline_days, calendar_for(mailbox.institution))


def _required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def _check_files(files) -> list:
    from xxgk.publishing.uploads import check_upload

    files = [f for f in files if f]
    if len(files) > rules()["max_attachments"]:
        raise ValidationError({"attachments": _("最多上传 %(n)s 个附件。") % {"n": rules()["max_attachments"]}})
    checked = []
    for f in files:
        try:
            checked.append((f, check_upload(f)))
        except ValidationError as exc:
            raise ValidationError({"attachments": exc.messages}) from None
    return checked


def _create_letter(
    mailbox: Mailbox,
    *,
    actor=None,
    writer_name: str,
    writer_contact: str,
    subject: str,
    message: str,
    wants_public_reply: bool,
    source: str,
    received_on: date,
    source_system=None,
    external_ref: str = "",
    external_due: date | None = None,
    files=(),
    secret: tuple[str, str],
) -> tuple[Letter, str]:
    """Must run in a transaction; `secret` is (password, its hash), hashed before the transaction began."""
    if not mailbox.active:
        raise ValidationError(_("该信箱暂不受理来信。"))
    subject = _required(subject, "subject", _("请填写主题。"))
    message = _required(message, "message", _("请填写来信内容。"))
    writer_name = (writer_name or "").strip()
    writer_contact = (writer_contact or "").strip()
    if mailbox.requires_contact and source == SourceKind.WEB and not (writer_name and writer_contact):
        raise ValidationError({"writer_contact": _("本信箱须留姓名和联系方式，以便答复。")})
    checked = _check_files(files)
    password, password_hash = secret
    due_on = external_due or due_for(mailbox, received_on)
    letter = create_unique(
        _new_code,
        lambda code: Letter.objects.create(
            institution_id=mailbox.institution_id,
            mailbox=mailbox,
            query_code=code,
            password_hash=password_hash,
            writer_name=writer_name,
            writer_contact=writer_contact,
            subject=subject,
            message=message,
            wants_public_reply=wants_public_reply,
            source=source,
            source_system=source_system,
            external_ref=(external_ref or "").strip(),
            external_due=external_due,
            received_on=received_on,
            due_on=due_on,
            deadline_days=None if external_due else mailbox.deadline_days,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        ),
    )
    for uploaded, info in checked:
        att = LetterAttachment(
            letter=letter,
            name=info.name,
            size=info.size,
            content_type=info.content_type,
            type_label=info.type_label,
            sha256=info.sha256,
        )
        stored_files.save(att.file, info.name, uploaded)
        att.save()
    LETTERS.write(
        letter,
        actor,
        LetterAction.RECEIVED,
        source=source,
        due_on=due_on.isoformat(),
        external_ref=letter.external_ref,
        attachments=len(checked),
    )
    tell_writer(letter, "oversight.received")
    return letter, password


# ---------------------------------------------------------------- mailboxes

#: The settings the office edits on the 信箱设置 page (`update_mailbox`), besides the handlers.
MAILBOX_SETTINGS = (
    "name",
    "kind",
    "description",
    "department",
    "deadline_days",
    "extension_allowed",
    "extension_days",
    "public_replies",
    "public_reply_needs_consent",
    "requires_contact",
    "active",
    "order",
)


def handler_candidates(institution):
    """The people who may be made a box's handlers: active staff holding a role in `institution`."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__institution=institution)
        .distinct()
        .order_by("username")
    )


def _clean_mailbox(institution, data: dict, *, box: Mailbox | None = None) -> dict:
    """The settings in `data`, checked; a setting not given keeps the box's value (or the data file's default)."""
    unknown = set(data) - set(MAILBOX_SETTINGS)
    if unknown:
        raise TypeError(f"not a mailbox setting: {', '.join(sorted(unknown))}")
    defaults = rules()["mailbox_defaults"]
    # None means "not given", except for the department, where it means "no department"
    clean = {k: data[k] for k in MAILBOX_SETTINGS if k in data and (data[k] is not None or k == "department")}
    for key in MAILBOX_SETTINGS:
        if key not in clean and box is not None:
            clean[key] = getattr(box, key)
    for key, value in defaults.items():
        clean.setdefault(key, value)
    clean["name"] = _required(clean.get("name", ""), "name", _("请填写信箱名称。"))
    if clean.get("kind") not in MailboxKind.values:
        raise ValidationError({"kind": _("请选择信箱类型。")})
    clean["description"] = (clean.get("description") or "").strip()
    department = clean.get("department")
    if department is not None and department.institution_id != institution.id:
        raise ValidationError({"department": _("所选部门不属于本校。")})
    longest = rules()["max_deadline_days"]
    for key in ("deadline_days", "extension_days"):
        value = clean[key]
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= longest:
            raise ValidationError({key: _("天数须在 1 到 %(n)s 个工作日之间。") % {"n": longest}})
    if not clean["public_replies"]:
        clean["public_reply_needs_consent"] = True  # nothing is published; the consent rule stays the safe one
    others = Mailbox.objects.filter(institution=institution, name=clean["name"])
    if box is not None:
        others = others.exclude(pk=box.pk)
    if others.exists():
        raise ValidationError({"name": _("已有同名信箱“%(name)s”。") % {"name": clean["name"]}})
    return clean


def _clean_handlers(institution, handlers) -> list:
    handlers = list(handlers or ())
    allowed_ids = set(handler_candidates(institution).values_list("pk", flat=True))
    if any(user.pk not in allowed_ids for user in handlers):
        raise ValidationError({"handlers": _("受理人须是本校在岗的工作人员。")})
    return handlers


@transaction.atomic
def create_mailbox(
    actor,
    institution,
    *,
    name: str,
    kind: str,
    department=None,
    handlers=(),
    description: str = "",
    **box_settings,
) -> Mailbox:
    """The office opens a box (校长信箱, a department's 意见信箱 …); settings not given come from the data file."""
    require(actor, "manage", institution)
    return _make_mailbox(
        institution,
        actor=actor,
        name=name,
        kind=kind,
        department=department,
        handlers=handlers,
        description=description,
        **box_settings,
    )


def _make_mailbox(institution, *, actor=None, handlers=(), **data) -> Mailbox:
    clean = _clean_mailbox(institution, data)
    handlers = _clean_handlers(institution, handlers)
    box = Mailbox.objects.create(institution=institution, **clean)
    if handlers:
        box.handlers.set(handlers)
    audit(
        actor,
        "mailbox_created",
        box,
        _("开设信箱 %(name)s") % {"name": box.name},
        institution=institution,
        handlers=sorted(u.pk for u in handlers),
    )
    return box


def _shown(value) -> object:
    """A setting as the audit log stores it."""
    if hasattr(value, "pk"):
        return value.pk
    return value


def _readable(value) -> str:
    """A setting as the audit summary shows it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("是") if value else _("否")
    return str(value)


def _change_summary(box: Mailbox, before: dict, changed: dict, handlers_changed: bool) -> str:
    """ "答复期限（工作日） 5→7；受理人 …": what the office sees in the box's history."""
    parts = [
        f"{Mailbox._meta.get_field(key).verbose_name} {_readable(before[key])}→{_readable(value)}"
        for key, value in changed.items()
    ]
    if handlers_changed:
        names = [u.get_full_name() or u.username for u in box.handlers.all()]
        parts.append(_("受理人改为 %(names)s") % {"names": "、".join(names) or _("（无，由办公室办理）")})
    return _("修改信箱 %(name)s 的设置：%(changes)s") % {"name": box.name, "changes": "；".join(parts)}


@transaction.atomic
def update_mailbox(
    actor, mailbox: Mailbox, data: dict, *, handlers=None, expected_revision: int | None = None
) -> Mailbox:
    """The office changes a box's settings (`MAILBOX_SETTINGS`) and, when `handlers` is given, who handles
    its letters. Open letters keep the deadline they were received with (`Letter.deadline_days`)."""
    box = lock(
        mailbox,
        expected_revision,
        related=("institution",),
        message=_("该信箱的设置已被他人修改，请刷新页面后再操作。"),
    )
    require(actor, "manage", box)
    clean = _clean_mailbox(box.institution, data, box=box)
    changed = {k: v for k, v in clean.items() if getattr(box, k) != v}
    before_handlers = sorted(box.handlers.values_list("pk", flat=True))
    after_handlers = before_handlers
    if handlers is not None:
        handlers = _clean_handlers(box.institution, handlers)
        after_handlers = sorted(u.pk for u in handlers)
    if not changed and after_handlers == before_handlers:
        return box
    shown_before = {k: getattr(box, k) for k in changed}
    before = {k: _shown(v) for k, v in shown_before.items()}
    box = save_changes(box, changed)
    if after_handlers != before_handlers:
        box.handlers.set(handlers)
    audit(
        actor,
        "mailbox_updated",
        box,
        _change_summary(box, shown_before, changed, after_handlers != before_handlers),
        institution=box.institution,
        before=before,
        after={k: _shown(v) for k, v in changed.items()},
        handlers_before=before_handlers,
        handlers_after=after_handlers,
    )
    return box


# ---------------------------------------------------------------- letters in


def _new_secret() -> tuple[str, str]:
    """A one-time password and its hash, made before any write transaction: hashing is slow on
    purpose and must not hold SQLite's write lock."""
    password = _new_password()
    return password, make_password(password)


def submit_letter(
    mailbox: Mailbox,
    *,
    writer_name: str,
    writer_contact: str,
    subject: str,
    message: str,
    wants_public_reply: bool = False,
    files=(),
    once_token: str = "",
) -> tuple[Letter, str]:
    """A member of the public writes through the web form. Returns the letter and its one-time password.

    With `once_token` (the form's signed token) the form is idempotent: a second submit of the same
    token raises `once.AlreadyUsed` and creates nothing (`xxgk.core.once`)."""
    secret = _new_secret()
    with transaction.atomic():
        letter, password = _create_letter(
            mailbox,
            writer_name=writer_name,
            writer_contact=writer_contact,
            subject=subject,
            message=message,
            wants_public_reply=wants_public_reply,
            source=SourceKind.WEB,
            received_on=timezone.localdate(),
            files=files,
            secret=secret,
        )
        once.claim(ONCE_SCOPE, once_token, letter.query_code, password)
        return letter, password


def register_letter(
    actor,
    mailbox: Mailbox,
    *,
    source: str,
    received_on: date,
    subject: str,
    message: str,
    writer_name: str = "",
    writer_contact: str = "",
    wants_public_reply: bool = False,
    source_system=None,
    external_ref: str = "",
    external_due: date | None = None,
    files=(),
) -> tuple[Letter, str]:
    """Staff register a letter that came by another route (12345, 信访系统, paper, phone, e-mail)."""
    require(actor, "register", mailbox)
    if source not in SourceKind.values or source == SourceKind.WEB:
        raise ValidationError({"source": _("请选择来信途径。")})
    if source_system is not None and source_system.institution_id != mailbox.institution_id:
        raise ValidationError({"source_system": _("所选转办渠道不属于本校。")})
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("收信日期不能晚于今天。")})
    if source in TRANSFER_KINDS:
        _required(external_ref, "external_ref", _("转办件请填写转办单位的编号。"))
        if external_due is None:
            raise ValidationError({"external_due": _("转办件请填写转办单位要求的办结日期。")})
    if external_due is not None and external_due < received_on:
        raise ValidationError({"external_due": _("办结日期不能早于收信日期。")})
    secret = _new_secret()
    with transaction.atomic():
        return _create_letter(
            mailbox,
            actor=actor,
            writer_name=writer_name,
            writer_contact=writer_contact,
            subject=subject,
            message=message,
            wants_public_reply=wants_public_reply,
            source=source,
            received_on=received_on,
            source_system=source_system,
            external_ref=external_ref,
            external_due=external_due,
            files=files,
            secret=secret,
        )


# ---------------------------------------------------------------- classification


@transaction.atomic
def route(actor, letter: Letter, department, *, comment: str = "", expected_revision: int | None = None) -> Letter:
    """Send the letter to a department to draft the reply."""
    letter = LETTERS.lock(letter, expected_revision)
    require(actor, "route", letter)
    if department is None or department.institution_id != letter.institution_id:
        raise ValidationError({"department": _("请选择本校的承办部门。")})
    from_state = letter.state
    return LETTERS.save(
        letter,
        {"state": LetterState.DRAFTING, "routed_department": department},
        actor,
        LetterAction.ROUTED,
        from_state=from_state,
        comment=comment,
        department=department,
    )


@transaction.atomic
def reply_directly(actor, letter: Letter, *, comment: str = "", expected_revision: int | None = None) -> Letter:
    """The office (or the box's handlers) will answer the letter itself."""
    letter = LETTERS.lock(letter, expected_revision)
    require(actor, "direct", letter)
    from_state = letter.state
    return LETTERS.save(
        letter,
        {"state": LetterState.DRAFTING, "routed_department": None},
        actor,
        LetterAction.DIRECT,
        from_state=from_state,
        comment=comment,
    )


@transaction.atomic
def escalate(actor, letter: Letter, *, comment: str, expected_revision: int | None = None) -> Letter:
    """Put the letter before the leadership; it is classified again on their instruction."""
    comment = _required(comment, "comment", _("呈报领导时请写明呈报事由。"))
    letter = LETTERS.lock(letter, expected_revision)
    require(actor, "escalate", letter)
    if letter.state == LetterState.ESCALATED:
        raise ValidationError(_("该来信已呈报领导。"))
    from_state = letter.state
    return LETTERS.save(
        letter,
        {"state": LetterState.ESCALATED, "escalated": True},
        actor,
        LetterAction.ESCALATED,
        from_state=from_state,
        comment=comment,
    )


@transaction.atomic
def close_invalid(
    actor, letter: Letter, *, reason: str, note: str = "", expected_revision: int | None = None
) -> Letter:
    """Close an invalid letter (anonymous, unclear, duplicate, out of scope) with a stated reason."""
    if reason not in dict(invalid_reasons()):
        raise ValidationError({"reason": _("请选择无效原因。")})
    letter = LETTERS.lock(letter, expected_revision)
    require(actor, "invalidate", letter)
    from_state = letter.state
    note = (note or "").strip()
    return LETTERS.save(
        letter,
        {"state": LetterState.INVALID, "invalid_reason": reason, "invalid_note": note},
        actor,
        LetterAction.INVALID,
        from_state=from_state,
        comment=note,
        reason=reason,
    )


@transaction.atomic
def extend(
    actor, letter: Letter, *, reason: str, today: date | None = None, expected_revision: int | None = None
) -> Letter:
    """Extend the deadline once, by the box's extension (default 5 working days), with a reason, on or
    before the due date (`letter_deadlines.extension_refusal` says when not)."""
    from xxgk.workcalendar.calendar import calendar_for

    reason = _required(reason, "reason", _("延期须写明理由。"))
    letter = LETTERS.lock(letter, expected_revision)
    require(actor, "extend", letter)
    refusal = extension_refusal(letter, letter.mailbox, today or timezone.localdate())
    if refusal:
        raise ValidationError(refusal)
    days = letter.mailbox.extension_days
    old_due = letter.due_on
    if letter.deadline_days is None:  # a letter from before letters kept their terms
        letter.deadline_days = letter.mailbox.deadline_days
    new_due = due_after(letter.received_on, letter.deadline_days + days, calendar_for(letter.institution))
    return LETTERS.save(
        letter,
        {
            "extended": True,
            "extension_reason": reason,
            "extension_days": days,
            "deadline_days": letter.deadline_days,
            "due_on": new_due,
        },
        actor,
        LetterAction.EXTENDED,
        from_state=letter.state,
        comment=reason,
        old_due=old_due.isoformat() if old_due else "",
        new_due=new_due.isoformat(),
        days=days,
    )


# ---------------------------------------------------------------- the reply


@transaction.atomic
def draft_reply(actor, letter: Letter, *, text: str, expected_revision: int | None = None) -> Letter:
    text = _required(text, "text", _("请填写答复内容。"))
    letter = LETTERS.lock(letter, expected_revision)
    require(actor, "draft", letter)
    now = timezone.now()
    LetterReply.objects.update_or_create(
        letter=letter,
        defaults={
            "text": text,
            "drafted_by": actor,
            "drafted_at": now,
            "approved_by": None,
            "approved_at": None,
            "checked_by": None,
            "checked_at": None,
        },
    )
    to_state = LetterState.APPROVING if letter.routed_department_id else LetterState.CHECKING
    return LETTERS.save(
        letter,
        {"state": to_state},
        actor,
        LetterAction.DRAFTED,
        from_state=LetterState.DRAFTING,
        department=letter.routed_department,
    )


@transaction.atomic
def approve_draft(actor, letter: Letter, *, comment: str = "", expected_revision: int | None = None) -> Letter:
    """The department head (签发人 or 审核人) signs off the draft."""
    letter = LETTERS.lock(letter, expected_revision)
    require(actor, "approve", letter)
    LetterReply.objects.filter(letter=letter).update(approved_by=actor, approved_at=timezone.now())
    return LETTERS.save(
        letter,
        {"state": LetterState.CHECKING},
        actor,
        LetterAction.APPROVED,
        from_state=LetterState.APPROVING,
        comment=comment,
        department=letter.routed_department,
    )


@transaction.atomic
def return_draft(actor, letter: Letter, *, comment: str, expected_revision: int | None = None) -> Letter:
    """The head or the office sends the draft back to be rewritten."""
    comment = _required(comment, "comment", _("退回时请写明需要修改的内容。"))
    letter = LETTERS.lock(letter, expected_revision)
    action = "return_draft" if letter.state == LetterState.APPROVING else "return_check"
    require(actor, action, letter)
    from_state = letter.state
    return LETTERS.save(
        letter,
        {"state": LetterState.DRAFTING},
        actor,
        LetterAction.RETURNED,
        from_state=from_state,
        comment=comment,
        department=letter.routed_department,
    )


@transaction.atomic
def check_wording(
    actor, letter: Letter, *, text: str | None = None, comment: str = "", expected_revision: int | None = None
) -> Letter:
    """The office checks (and may polish) the wording; the reply is then ready to send."""
    letter = LETTERS.lock(letter, expected_revision)
    require(actor, "check", letter)
    reply = letter.reply
    changed = False
    if text is not None:
        text = _required(text, "text", _("请填写答复内容。"))
        changed = text != reply.text
        reply.text = text
    reply.checked_by = actor
    reply.checked_at = timezone.now()
    reply.save(update_fields=["text", "checked_by", "checked_at"])
    return LETTERS.save(
        letter,
        {"state": LetterState.READY},
        actor,
        LetterAction.CHECKED,
        from_state=LetterState.CHECKING,
        comment=comment,
        wording_changed=changed,
    )


def public_refusal(letter: Letter) -> str | None:
    """Why the reply to `letter` may not be published on the portal (a message), or None when it may:
    the box keeps its replies private, or it needs the writer's consent and the writer did not give it."""
    box = letter.mailbox
    if not box.public_replies:
        return _("该信箱的答复不在门户公开，只能私下答复。")
    if box.public_reply_needs_consent and not letter.wants_public_reply:
        return _("来信人未同意公开答复，只能私下答复。")
    return None


@transaction.atomic
def send_reply(actor, letter: Letter, *, public: bool = False, expected_revision: int | None = None) -> Letter:
    """Send the reply. A public reply (only if the writer agreed) is published with the writer masked."""
    letter = LETTERS.lock(letter, expected_revision)
    require(actor, "send", letter)
    refusal = public_refusal(letter) if public else None
    if refusal:
        raise ValidationError(refusal)
    reply = letter.reply
    now = timezone.now()
    reply.sent_at = now
    reply.public = public
    if public:
        ctx = {
            "writer_name": letter.writer_name,
            "writer_contact": letter.writer_contact,
            "institution": letter.institution,
        }
        reply.public_subject = mask_for_public(letter.subject, **ctx)
        reply.public_question = mask_for_public(letter.message, **ctx)
        reply.public_text = mask_for_public(reply.text, **ctx)
        reply.public_writer = masked_writer(letter.writer_name, letter.institution)
    reply.save()
    on_time = letter.due_on is None or timezone.localdate(now) <= letter.due_on
    letter = LETTERS.save(
        letter,
        {"state": LetterState.REPLIED, "replied_at": now},
        actor,
        LetterAction.REPLIED,
        from_state=LetterState.READY,
        public=public,
        on_time=on_time,
        department=letter.routed_department,
    )
    tell_writer(letter, "oversight.replied")
    return letter


@transaction.atomic
def archive(actor, letter: Letter, *, expected_revision: int | None = None) -> Letter:
    letter = LETTERS.lock(letter, expected_revision)
    require(actor, "archive", letter)
    return LETTERS.save(
        letter, {"state": LetterState.ARCHIVED}, actor, LetterAction.ARCHIVED, from_state=LetterState.REPLIED
    )


# ---------------------------------------------------------------- the writer's lookup


def lookup(query_code: str, password: str, *, now: datetime | None = None) -> Letter:
    """The letter for a query code and password, or LookupRefused with a message to show.

    A wrong code or a wrong password get the same refusal. After too many wrong
    passwords the code is locked for a while; the message says until when.
    """
    now = now or timezone.now()
    code = (query_code or "").strip().upper()
    refusal = _("查询码或密码不正确。")
    if not code or not password:
        raise LookupRefused(_("请填写查询码和密码。"))
    # the password is checked before the write transaction (hashing is slow on purpose and must
    # not hold SQLite's write lock); the failure count is then updated under the row lock
    letter = Letter.objects.select_related("mailbox", "institution").filter(query_code=code).first()
    if letter is None:
        check_password(password, _dummy_hash())  # same work for an unknown code
        raise LookupRefused(refusal)
    if letter.locked_until and letter.locked_until > now:
        raise LookupRefused(_locked_message(letter.locked_until))
    matches = check_password(password.strip(), letter.password_hash)
    with transaction.atomic():
        row = Letter.objects.select_for_update().only("id", "failed_lookups", "locked_until").get(pk=letter.pk)
        if row.locked_until and row.locked_until > now:  # locked by guesses checked at the same time
            raise LookupRefused(_locked_message(row.locked_until))
        if matches:
            if row.failed_lookups or row.locked_until:
                Letter.objects.filter(pk=letter.pk).update(failed_lookups=0, locked_until=None)
            return letter
        # the refusal is raised after the block: raised inside it would roll the count back
        failures = row.failed_lookups + 1
        if failures < rules()["lookup_max_failures"]:
            Letter.objects.filter(pk=letter.pk).update(failed_lookups=failures)
            refused = LookupRefused(refusal)
        else:
            until = now + timedelta(minutes=rules()["lookup_lock_minutes"])
            Letter.objects.filter(pk=letter.pk).update(failed_lookups=0, locked_until=until)
            LETTERS.write(
                letter, None, LetterAction.LOOKUP_LOCKED, from_state=letter.state, at=now, until=until.isoformat()
            )
            refused = LookupRefused(_locked_message(until))
    raise refused


@functools.cache
def _dummy_hash() -> str:
    return make_password("unknown query code")


def _locked_message(until: datetime) -> str:
    local = timezone.localtime(until)
    return _("密码错误次数过多，该查询码已暂时锁定，请于 %(time)s 之后再试。") % {
        "time": local.strftime("%Y-%m-%d %H:%M")
    }


# ---------------------------------------------------------------- evaluation (评议)


def ip_hash(ip: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:rating:{ip}".encode()).hexdigest()


def _clean_rating(stars, comment: str) -> tuple[int, str]:
    try:
        stars = int(stars)
    except (TypeError, ValueError):
        stars = 0
    if not 1 <= stars <= 5:
        raise ValidationError({"stars": _("请选择 1 到 5 星的评分。")})
    comment = (comment or "").strip()
    limit = rules()["rating_comment_max"]
    if len(comment) > limit:
        raise ValidationError({"comment": _("意见不超过 %(n)s 字。") % {"n": limit}})
    return stars, comment


@transaction.atomic
def rate(target, *, stars, comment: str = "", ip: str = "") -> Rating:
    """A visitor rates a published record or a public reply (one rating per visitor per item per day)."""
    from xxgk.publishing.models import Record

    stars, comment = _clean_rating(stars, comment)
    if isinstance(target, Record):
        if not Record.objects.published().filter(pk=target.pk).exists():
            raise PermissionDenied("not public")
        fields = {"record": target}
    elif isinstance(target, LetterReply):
        if not target.is_published:
            raise PermissionDenied("not public")
        fields = {"reply": target}
    else:
        raise PermissionDenied("not ratable")
    hashed = ip_hash(ip) if ip else ""
    since = timezone.now() - timedelta(days=1)
    if hashed and Rating.objects.filter(ip_hash=hashed, created_at__gte=since, by_writer=False, **fields).exists():
        raise ValidationError(_("您今天已评价过，感谢参与。"))
    institution_id = target.institution_id if isinstance(target, Record) else target.letter.institution_id
    return Rating.objects.create(institution_id=institution_id, stars=stars, comment=comment, ip_hash=hashed, **fields)


@transaction.atomic
def rate_by_writer(letter: Letter, *, stars, comment: str = "") -> Rating:
    """The writer (signed in with query code and password) rates the reply; a second rating replaces the first."""
    stars, comment = _clean_rating(stars, comment)
    reply = getattr(letter, "reply", None)
    if reply is None or reply.sent_at is None:
        raise ValidationError(_("答复后才能评价。"))
    Rating.objects.filter(reply=reply, by_writer=True).delete()
    rating = Rating.objects.create(
        institution_id=letter.institution_id, reply=reply, by_writer=True, stars=stars, comment=comment
    )
    LETTERS.write(letter, None, LetterAction.RATED, from_state=letter.state, stars=stars)
    return rating


# ---------------------------------------------------------------- cases and surveys

CASE_FIELDS = (
    "kind",
    "filed_on",
    "decided_on",
    "matter",
    "party",
    "authority",
    "record",
    "application_ref",
    "outcome",
    "route",
    "note",
    "served_on",
    "due_by",
    "answered_on",
)
CASE_CONFLICT = gettext_lazy("该案件已被他人修改，请刷新页面后再操作。")


def _clean_case(institution, data: dict) -> dict:
    data = {k: data.get(k) for k in CASE_FIELDS if k in data}
    if data.get("kind") not in CaseKind.values:
        raise ValidationError({"kind": _("请选择类别。")})
    data["matter"] = _required(data.get("matter") or "", "matter", _("请填写事由。"))
    if not data.get("filed_on"):
        raise ValidationError({"filed_on": _("请填写收到（立案）日期。")})
    outcome = data.get("outcome") or Outcome.PENDING
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("请选择结果。")})
    data["outcome"] = outcome
    if outcome == Outcome.PENDING:
        data["decided_on"] = None
    elif not data.get("decided_on"):
        raise ValidationError({"decided_on": _("已审结的案件请填写审结日期。")})
    elif data["decided_on"] < data["filed_on"]:
        raise ValidationError({"decided_on": _("审结日期不能早于收到日期。")})
    if data["kind"] == CaseKind.LITIGATION:
        if data.get("route") not in LitigationRoute.values:
            raise ValidationError({"route": _("行政诉讼请选择“未经复议直接起诉”或“复议后起诉”。")})
    else:
        data["route"] = ""
    if data["kind"] == CaseKind.COMPLAINT:
        data["served_on"] = None  # a complaint has no copy served; its date is the one it was received
    for key, message in (
        ("served_on", _("收到副本日期不能早于收到（立案）日期。")),
        ("answered_on", _("答复（答辩）日期不能早于收到（立案）日期。")),
    ):
        if data.get(key) and data[key] < data["filed_on"]:
            raise ValidationError({key: message})
    record = data.get("record")
    if record is not None and record.institution_id != institution.id:
        raise ValidationError({"record": _("所选公开信息不属于本校。")})
    for key in ("party", "authority", "application_ref", "note"):
        data[key] = (data.get(key) or "").strip()
    return data


@transaction.atomic
def record_case(actor, institution, data: dict) -> Case:
    require(actor, "manage", institution)
    data = _clean_case(institution, data)
    case = Case.objects.create(institution=institution, created_by=actor, **data)
    audit(
        actor,
        "case_recorded",
        case,
        _("登记%(kind)s：%(matter)s") % {"kind": case.get_kind_display(), "matter": case.matter[:60]},
        institution=institution,
    )
    return case


@transaction.atomic
def update_case(actor, case: Case, data: dict, *, expected_revision: int | None = None) -> Case:
    case = lock(case, expected_revision, message=CASE_CONFLICT)
    require(actor, "manage", case)
    data = _clean_case(case.institution, {**{k: getattr(case, k) for k in CASE_FIELDS}, **data})
    before = {k: str(getattr(case, k)) for k in data}
    changed = [k for k in data if before[k] != str(data[k])]
    case = save_changes(case, {k: data[k] for k in changed}, message=CASE_CONFLICT)
    audit(
        actor,
        "case_updated",
        case,
        _("修改%(kind)s：%(matter)s") % {"kind": case.get_kind_display(), "matter": case.matter[:60]},
        institution=case.institution,
        fields=changed,
    )
    return case


@transaction.atomic
def answer_case(actor, case: Case, *, answered_on: date, comment: str = "", expected_revision=None) -> Case:
    """The institution has answered: a review's 书面答复 or a lawsuit's 答辩状 was submitted, a complaint's
    result was told to the complainant or reported to the forwarding body."""
    case = lock(case, expected_revision, message=CASE_CONFLICT)
    require(actor, "manage", case)
    if case.stage != CaseStage.ANSWERING:
        raise ValidationError(_("该案件已登记答复或已审结。"))
    if not answered_on:
        raise ValidationError({"answered_on": _("请填写答复（答辩）日期。")})
    if answered_on < case.filed_on:
        raise ValidationError({"answered_on": _("答复（答辩）日期不能早于收到（立案）日期。")})
    if answered_on > timezone.localdate():
        raise ValidationError({"answered_on": _("答复（答辩）日期不能晚于今天。")})
    case = save_changes(case, {"answered_on": answered_on}, message=CASE_CONFLICT)
    audit(
        actor,
        "case_answered",
        case,
        _("%(kind)s已答复（%(on)s）%(comment)s")
        % {"kind": case.get_kind_display(), "on": answered_on.isoformat(), "comment": _comment(comment)},
        answered_on=answered_on.isoformat(),
    )
    return case


@transaction.atomic
def decide_case(
    actor, case: Case, *, outcome: str, decided_on: date, comment: str = "", expected_revision=None
) -> Case:
    """Record how the case ended: 维持, 纠正 or 其他结果 (withdrawn, dismissed …), on the day it was decided."""
    case = lock(case, expected_revision, message=CASE_CONFLICT)
    require(actor, "manage", case)
    if case.stage == CaseStage.DECIDED:
        raise ValidationError(_("该案件已审结；如需更正，请修改登记信息。"))
    if outcome not in Outcome.values or outcome == Outcome.PENDING:
        raise ValidationError({"outcome": _("请选择结果。")})
    if not decided_on:
        raise ValidationError({"decided_on": _("已审结的案件请填写审结日期。")})
    if decided_on < case.filed_on:
        raise ValidationError({"decided_on": _("审结日期不能早于收到日期。")})
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("审结日期不能晚于今天。")})
    case = save_changes(case, {"outcome": outcome, "decided_on": decided_on}, message=CASE_CONFLICT)
    audit(
        actor,
        "case_decided",
        case,
        _("%(kind)s审结：%(outcome)s（%(on)s）%(comment)s")
        % {
            "kind": case.get_kind_display(),
            "outcome": case.get_outcome_display(),
            "on": decided_on.isoformat(),
            "comment": _comment(comment),
        },
        outcome=outcome,
        decided_on=decided_on.isoformat(),
    )
    return case


def _comment(comment: str) -> str:
    comment = (comment or "").strip()
    return f"：{comment[:200]}" if comment else ""


@transaction.atomic
def enter_survey(
    actor,
    institution,
    *,
    title: str,
    period_start: date,
    period_end: date,
    sample_size: int,
    satisfied_count: int,
    note: str = "",
) -> Survey:
    require(actor, "manage", institution)
    title = _required(title, "title", _("请填写调查名称。"))
    if period_end < period_start:
        raise ValidationError({"period_end": _("截止日期不能早于起始日期。")})
    if sample_size <= 0:
        raise ValidationError({"sample_size": _("样本量须大于 0。")})
    if not 0 <= satisfied_count <= sample_size:
        raise ValidationError({"satisfied_count": _("满意人数须在 0 与样本量之间。")})
    survey = Survey.objects.create(
        institution=institution,
        title=title,
        period_start=period_start,
        period_end=period_end,
        sample_size=sample_size,
        satisfied_count=satisfied_count,
        note=(note or "").strip(),
        entered_by=actor,
    )
    audit(
        actor,
        "survey_entered",
        survey,
        _("录入调查 %(title)s（样本 %(n)s）") % {"title": title, "n": sample_size},
        institution=institution,
    )
    return survey
