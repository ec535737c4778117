"""Every change to an application goes through these functions.

Each checks the actor through `xxgk.org.policy` (the applicant acts as None
on the public side), changes the row under a lock with an optimistic revision
check, recomputes the due date with `xxgk.workdays.compute_due`, and writes an
ApplicationEvent in the same transaction.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk.core import once, stored_files
from xxgk.core.audit import audit
from xxgk.core.transitions import Conflict as Conflict  # re-exported: views catch services.Conflict
from xxgk.core.transitions import create_unique, random_code
from xxgk.foi import notices, reply_files
from xxgk.foi.applicant_messages import file_entry, tell_applicant
from xxgk.foi.journal import APPLICATIONS as APPLICATIONS  # re-exported
from xxgk.foi.loader import carries_files, ensure_reply_types, rules_for
from xxgk.foi.models import (
    FINAL_STATES,
    ApplicantType,
    Application,
    Channel,
    ClockPause,
    EventAction,
    IdType,
    LetterTemplate,
    NoticeKind,
    Reply,
    ReplyFile,
    ReplyReason,
    ReplyType,
    RuleSet,
    State,
)
from xxgk.foi.validators import normalise_id, validate_contact_email, validate_identity, validate_phone
from xxgk.org.policy import require
from xxgk.workcalendar.calendar import calendar_for
from xxgk.workdays import compute_due, working_days_used

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
APPLICANT_FIELDS = (
    "applicant_type",
    "org_type",
    "name",
    "contact_person",
    "id_type",
    "id_number",
    "phone",
    "email",
    "address",
    "postcode",
    "title",
    "doc_number",
    "description",
    "purpose",
    "info_form",
    "delivery",
)
#: The public form's tokens are used once, in this scope (`xxgk.core.once`).
ONCE_SCOPE = "foi:apply"


@dataclass
class Receipt:
    application: Application
    secret: str


def _today() -> date:
    return timezone.localdate()


def _with_due(app: Application, **changes) -> dict:
    """`changes` applied to `app` and its due date recomputed under them: the columns a transition saves."""
    for key, value in changes.items():
        setattr(app, key, value)
    _refresh_due(app)
    return {**changes, "due_on": app.due_on, "due_certain": app.due_certain}


def _pauses(app: Application) -> list[tuple[date, date | None]]:
    if not app.pk:
        return []
    return [(p.started_on, p.ended_on) for p in ClockPause.objects.filter(application_id=app.pk)]


def compute(app: Application, calendar=None):
    """The application's Due (xxgk.workdays) under its institution's rules."""
    rules = rules_for(app.institution)
    return compute_due(
        app.received_on,
        rules.deadline_rule(),
        clock_start=app.clock_start,
        pauses=_pauses(app),
        extended=app.extended,
        calendar=calendar or calendar_for(app.institution),
    )


def _refresh_due(app: Application) -> None:
    if app.state == State.AWAITING_CORRECTION:
        # the clock restarts when the supplemented application arrives
        app.due_on, app.due_certain = None, True
        return
    if app.state in FINAL_STATES:
        return
    due = compute(app)
    app.due_on, app.due_certain = due.date, due.certain


def status_of(app: Application, today: date | None = None, calendar=None) -> str:
    """on_track / due_soon / overdue / paused, or the state for applications off the clock."""
    from xxgk.workdays import due_status

    if app.state == State.AWAITING_CORRECTION:
        return "awaiting_correction"
    if not app.is_open:
        return "closed"
    cal = calendar or calendar_for(app.institution)
    return due_status(
        compute(app, cal), today or _today(), cal, due_soon_within=rules_for(app.institution).due_soon_within
    )


# ---------------------------------------------------------------- receiving


def _new_code(year: int) -> str:
    return f"{year}-" + random_code(CODE_ALPHABET, 6)


def new_secret() -> str:
    return random_code(CODE_ALPHABET, 10)


def clean_applicant(data: dict) -> dict:
    """Validate and normalise what the applicant gave; raise one ValidationError listing every problem."""
    errors: dict[str, list[str]] = {}
    out = {k: (data.get(k) or "") for k in APPLICANT_FIELDS}
    for k, v in out.items():
        if isinstance(v, str):
            out[k] = v.strip()

    def err(field, message):
        errors.setdefault(field, []).append(message)

    if out["applicant_type"] not in ApplicantType.values:
        err("applicant_type", _("请选择申请人类型。"))
    organisation = out["applicant_type"] == ApplicantType.ORGANISATION
    if organisation:
        from xxgk.foi.models import OrgType

        if out["org_type"] not in OrgType.values:
            err("org_type", _("法人或其他组织请选择组织类型。"))
        out["id_type"] = IdType.CREDIT_CODE  # organisations identify by 统一社会信用代码
        if not out["contact_person"]:
            err("contact_person", _("请填写联系人姓名。"))
    else:
        out["org_type"] = ""
        if out["id_type"] == IdType.CREDIT_CODE:
            err("id_type", _("自然人请选择个人身份证件。"))
    if not out["name"]:
        err("name", _("请填写姓名或名称。"))
    elif len(out["name"]) > 100:
        err("name", _("姓名或名称不能超过100个字。"))
    if not out["id_number"]:
        err("id_number", _("请填写证件号码。"))
    elif "id_type" not in errors:
        try:
            out["id_number"] = validate_identity(out["id_type"], out["id_number"])
        except ValidationError as exc:
            err("id_number", exc.messages[0])
    if out["phone"]:
        try:
            out["phone"] = validate_phone(out["phone"])
        except ValidationError as exc:
            err("phone", exc.messages[0])
    if out["email"]:
        try:
            out["email"] = validate_contact_email(out["email"])
        except ValidationError as exc:
            err("email", exc.messages[0])
    if not out["phone"] and not out["email"] and "phone" not in errors and "email" not in errors:
        err("phone", _("请至少填写联系电话或电子邮箱中的一项。"))
    if out["postcode"] and not re.fullmatch(r"\d{6}", out["postcode"]):
        err("postcode", _("邮政编码应为6位数字。"))
    if not out["title"]:
        err("title", _("请填写所需信息的名称。"))
    elif len(out["title"]) > 300:
        err("title", _("所需信息的名称不能超过300个字。"))
    if len(out["description"]) > 5000:
        err("description", _("内容描述不能超过5000个字。"))
    if len(out["purpose"]) > 500:
        err("purpose", _("用途不能超过500个字。"))
    from xxgk.foi.models import Delivery, InfoForm

    if out["info_form"] not in InfoForm.values:
        err("info_form", _("请选择获取信息的形式。"))
    if out["delivery"] not in Delivery.values:
        err("delivery", _("请选择获取信息的方式。"))
    if out["delivery"] == Delivery.EMAIL:
        if not out["email"] and "email" not in errors:
            err("email", _("选择电子邮件方式获取的，请填写电子邮箱。"))
        if out["info_form"] == InfoForm.PAPER:
            err("delivery", _("纸质形式不能通过电子邮件提供，请改选邮寄或自行领取。"))
    if out["delivery"] == Delivery.ONLINE and out["info_form"] == InfoForm.PAPER:
        err("delivery", _("纸质形式不能网上查询，请改选邮寄或自行领取。"))
    if out["delivery"] == Delivery.POST and not out["address"]:
        err("address", _("选择邮寄方式的，请填写通讯地址。"))
    if errors:
        raise ValidationError(errors)
    return out


def _norm_title(s: str) -> str:
    return re.sub(r"[\s\W_]+", "", s or "").lower()


def find_duplicate(app: Application) -> Application | None:
    """An earlier answered application by the same applicant for the same information."""
    qs = (
        Application.objects.filter(
            institution_id=app.institution_id,
            id_type=app.id_type,
            id_number=normalise_id(app.id_number),
            state=State.CLOSED,
        )
        .exclude(pk=app.pk)
        .exclude(outcome_type__code="other")
        .order_by("-closed_on")
    )
    title = _norm_title(app.title)
    for earlier in qs:
        same_doc = app.doc_number and normalise_id(earlier.doc_number) == normalise_id(app.doc_number)
        if _norm_title(earlier.title) == title or same_doc:
            return earlier
    return None


def _hashed_secret() -> tuple[str, str]:
    """The applicant's secret and its hash, made before any write transaction: hashing is slow on
    purpose and must not hold SQLite's write lock."""
    secret = new_secret()
    return secret, make_password(secret)


def _create(
    institution, fields: dict, *, channel: str, received_on: date, secret: tuple[str, str], actor=None
) -> Receipt:
    """Must run in a transaction."""
    ensure_reply_types()
    secret, secret_hash = secret

    def save_with(code: str) -> Application:
        app = Application(
            institution=institution,
            code=code,
            secret_hash=secret_hash,
            channel=channel,
            received_on=received_on,
            clock_start=received_on,
            state=State.RECEIVED,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            **fields,
        )
        _refresh_due(app)
        app.save()
        return app

    app = create_unique(lambda _attempt: _new_code(received_on.year), save_with, attempts=5)
    if actor is None:
        APPLICATIONS.write(app, None, EventAction.SUBMITTED, channel=channel)
    else:
        APPLICATIONS.write(app, actor, EventAction.REGISTERED, channel=channel, received_on=received_on.isoformat())
    earlier = find_duplicate(app)
    if earlier is not None:
        app.duplicate_of = earlier
        app.save(update_fields=["duplicate_of"])
        APPLICATIONS.write(app, None, EventAction.DUPLICATE_FLAGGED, earlier=earlier.code)
    tell_applicant(app, "foi.received", due_on=app.due_on, provisional=not app.due_certain)
    return Receipt(app, secret)


def submit_online(institution, data: dict, *, today: date | None = None, once_token: str = "") -> Receipt:
    """The public form: received on the day the system confirms it (网上提交：以双方确认之日为准).

    With `once_token` (the form's signed token) the form is idempotent: a second submit of the same
    token raises `once.AlreadyUsed` and creates nothing (`xxgk.core.once`)."""
    fields = clean_applicant(data)
    secret = _hashed_secret()
    with transaction.atomic():
        receipt = _create(institution, fields, channel=Channel.ONLINE, received_on=today or _today(), secret=secret)
        once.claim(ONCE_SCOPE, once_token, receipt.application.code, receipt.secret)
        return receipt


def register(actor, institution, data: dict, *, channel: str, received_on: date | None) -> Receipt:
    """The office registers an application received by letter, in person or by fax.

    当面提交：以提交之日为准；邮寄：以签收之日为准；传真：以双方确认之日为准。
    """
    from xxgk.org.policy import can

    if not can(actor, "manage", institution):
        raise PermissionDenied("register")
    if channel not in {Channel.LETTER, Channel.IN_PERSON, Channel.FAX}:
        raise ValidationError({"channel": _("请选择收到申请的方式（信函、当面或传真）。")})
    fields = clean_applicant(data)
    if received_on is None:
        if channel == Channel.IN_PERSON:
            received_on = _today()
        else:
            label = _("签收日期") if channel == Channel.LETTER else _("双方确认日期")
            raise ValidationError({"received_on": _("请填写%(label)s。") % {"label": label}})
    if received_on > _today():
        raise ValidationError({"received_on": _("收到申请的日期不能晚于今天。")})
    secret = _hashed_secret()
    with transaction.atomic():
        return _create(institution, fields, channel=channel, received_on=received_on, secret=secret, actor=actor)


@functools.cache
def _dummy_hash() -> str:
    return make_password("unknown application code")


def check_secret(institution, code: str, secret: str) -> Application | None:
    """The application when code and secret match, else None (which part was wrong is not said)."""
    code = (code or "").strip().upper()
    app = Application.objects.filter(institution=institution, code=code).first()
    if app is None:
        check_password(secret or "", _dummy_hash())  # the same work either way
        return None
    return app if check_password((secret or "").strip().upper(), app.secret_hash) else None


# ---------------------------------------------------------------- 补正


def _required_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


@notices.issuing
def request_correction(
    actor,
    app: Application,
    *,
    items: str,
    on: date | None = None,
    days: int | None = None,
    delivery: str | None = None,
    expected_revision: int | None = None,
) -> Application:
    """One notice (补正告知书) listing what is missing, with a deadline; the clock stops until the supplement arrives."""
    items = _required_text(items, "items", _("请逐项写明需要补正的内容。"))
    app = APPLICATIONS.lock(app, expected_revision)
    require(actor, "handle", app)
    if app.state not in {State.RECEIVED, State.ROUTED}:
        raise ValidationError(_("当前状态不能告知补正。"))
    if app.correction_requested_on:
        raise ValidationError(_("补正只能一次性告知，本申请已经告知过补正。"))
    on = on or _today()
    if on < app.received_on:
        raise ValidationError({"on": _("告知日期不能早于收到申请的日期。")})
    rules = rules_for(app.institution)
    cal = calendar_for(app.institution)
    days = days if days is not None else rules.correction_days
    deadline = cal.add(on, days).date
    notice_by = cal.add(app.received_on, rules.correction_notice_days).date
    from_state = app.state
    changes = _with_due(
        app,
        state=State.AWAITING_CORRECTION,
        correction_requested_on=on,
        correction_due_on=deadline,
        correction_items=items,
    )
    notice = notices.record(actor, app, NoticeKind.CORRECTION, on=on, delivery=delivery, text=items, deadline=deadline)
    return APPLICATIONS.save(
        app,
        changes,
        actor,
        EventAction.CORRECTION_REQUESTED,
        from_state=from_state,
        comment=items,
        deadline=deadline.isoformat(),
        days=days,
        late_notice=on > notice_by,
        number=notice.number,
    )


@transaction.atomic
def supplement(
    actor, app: Application, *, text: str, on: date | None = None, changes: dict | None = None
) -> Application:
    """The supplemented application arrives: the clock restarts from that day (actor None: the applicant)."""
    text = _required_text(text, "text", _("请填写补正的内容。"))
    app = APPLICATIONS.lock(app)
    if actor is not None:
        require(actor, "handle", app)
    if app.state != State.AWAITING_CORRECTION:
        raise ValidationError(_("本申请目前不需要补正。"))
    on = on or _today()
    if on < app.correction_requested_on:
        raise ValidationError({"on": _("补正日期不能早于告知补正的日期。")})
    if on > app.correction_due_on and actor is None:
        raise ValidationError(_("补正期限已过。"))
    fields = {}
    for key in ("title", "doc_number", "description"):
        value = ((changes or {}).get(key) or "").strip()
        if value:
            fields[key] = value[:300] if key != "description" else value
    back_to = State.ROUTED if app.department_id else State.RECEIVED
    return APPLICATIONS.save(
        app,
        _with_due(app, state=back_to, clock_start=on, supplement=text, **fields),
        actor,
        EventAction.SUPPLEMENTED,
        from_state=State.AWAITING_CORRECTION,
        comment=text,
        clock_start=on.isoformat(),
        due_on=app.due_on.isoformat() if app.due_on else None,
    )


def _closing(app: Application, *, state: str, on: date, outcome_type: ReplyType, outcome_reason=None, fee=None):
    """The columns that close `app` on `on`: the outcome, whether it was in time, the working days it took."""
    cal = calendar_for(app.institution)
    on_time = taken = None
    if app.state != State.AWAITING_CORRECTION:
        due = compute(app, cal)
        if due.date is not None:
            on_time = on <= due.date
        taken = working_days_used(app.clock_start, on, pauses=_pauses(app), calendar=cal).working_days
    return {
        "state": state,
        "closed_on": on,
        "outcome_type": outcome_type,
        "outcome_reason": outcome_reason,
        "on_time": on_time,
        "working_days_taken": taken,
        "fee": fee,
    }


@transaction.atomic
def expire_correction(actor, app: Application, *, today: date | None = None) -> Application:
    """No supplement by the deadline: the application is treated as withdrawn (视为放弃); actor None: the daily job."""
    app = APPLICATIONS.lock(app)
    if actor is not None:
        require(actor, "handle", app)
    today = today or _today()
    if app.state != State.AWAITING_CORRECTION:
        raise ValidationError(_("本申请不在待补正状态。"))
    if today <= app.correction_due_on:
        raise ValidationError(_("补正期限（%(d)s）尚未届满。") % {"d": app.correction_due_on})
    ensure_reply_types()
    other = ReplyType.objects.get(code="other")
    reason = ReplyReason.objects.filter(reply_type=other, code="no_supplement").first()
    return APPLICATIONS.save(
        app,
        _closing(app, state=State.WITHDRAWN, on=today, outcome_type=other, outcome_reason=reason),
        actor,
        EventAction.WITHDRAWN,
        from_state=State.AWAITING_CORRECTION,
        deadline=app.correction_due_on.isoformat(),
    )


def expire_corrections(*, today: date | None = None) -> list[Application]:
    today = today or _today()
    done = []
    for app in Application.objects.filter(state=State.AWAITING_CORRECTION, correction_due_on__lt=today):
        done.append(expire_correction(None, app, today=today))
    return done


# ---------------------------------------------------------------- clock


@notices.issuing
def start_consultation(
    actor,
    app: Application,
    *,
    third_party: str,
    on: date | None = None,
    note: str = "",
    email: str = "",
    address: str = "",
    delivery: str | None = None,
) -> ClockPause:
    """Ask a third party (商业秘密、个人隐私) by a 征求意见函 with its answer date: the clock pauses meanwhile."""
    third_party = _required_text(third_party, "third_party", _("请填写被征求意见的第三方。"))
    app = APPLICATIONS.lock(app)
    require(actor, "handle", app)
    if app.state not in {State.RECEIVED, State.ROUTED, State.DRAFTED}:
        raise ValidationError(_("当前状态不能征求第三方意见。"))
    if ClockPause.objects.filter(application=app, ended_on__isnull=True).exists():
        raise ValidationError(_("已有正在进行的征求意见，请先登记其结束。"))
    on = on or _today()
    if on < app.clock_start:
        raise ValidationError({"on": _("征求意见的开始日期不能早于计时起点。")})
    last = ClockPause.objects.filter(application=app).order_by("-ended_on").first()
    if last and last.ended_on and on <= last.ended_on:
        raise ValidationError({"on": _("开始日期须晚于上一次征求意见的结束日期。")})
    rules = rules_for(app.institution)
    answer_by = calendar_for(app.institution).add(on, rules.consultation_days).date
    pause = ClockPause.objects.create(
        application=app, started_on=on, third_party=third_party, note=note, answer_by=answer_by
    )
    notice = notices.record(
        actor,
        app,
        NoticeKind.CONSULTATION,
        on=on,
        delivery=delivery,
        recipient=third_party,
        recipient_email=(email or "").strip(),
        recipient_address=(address or "").strip(),
        text=note,
        deadline=answer_by,
        pause=pause,
    )
    APPLICATIONS.save(
        app,
        _with_due(app),
        actor,
        EventAction.CONSULTATION_STARTED,
        from_state=app.state,
        comment=note,
        third_party=third_party,
        started_on=on.isoformat(),
        answer_by=answer_by.isoformat(),
        number=notice.number,
    )
    tell_applicant(app, "foi.consultation", answer_by=answer_by)
    return pause


@transaction.atomic
def end_consultation(actor, app: Application, *, on: date | None = None, note: str = "") -> ClockPause:
    app = APPLICATIONS.lock(app)
    require(actor, "handle", app)
    pause = ClockPause.objects.filter(application=app, ended_on__isnull=True).first()
    if pause is None:
        raise ValidationError(_("没有正在进行的征求意见。"))
    on = on or _today()
    if on < pause.started_on:
        raise ValidationError({"on": _("结束日期不能早于开始日期。")})
    pause.ended_on = on
    pause.note = "\n".join(x for x in (pause.note, note) if x)
    pause.save(update_fields=["ended_on", "note"])
    APPLICATIONS.save(
        app,
        _with_due(app),
        actor,
        EventAction.CONSULTATION_ENDED,
        from_state=app.state,
        comment=note,
        ended_on=on.isoformat(),
        due_on=app.due_on.isoformat() if app.due_on else None,
    )
    return pause


@notices.issuing
def extend(
    actor,
    app: Application,
    *,
    reason: str,
    approver: str,
    today: date | None = None,
    delivery: str | None = None,
) -> Application:
    """One extension (高校 15, 政府 20 working days) with the approver's consent, decided and notified by a
    延期答复告知书 before the due date."""
    reason = _required_text(reason, "reason", _("请写明延长答复期限的理由。"))
    approver = _required_text(approver, "approver", _("请填写同意延长的负责人。"))
    app = APPLICATIONS.lock(app)
    require(actor, "handle", app)
    if not app.is_open or app.state == State.AWAITING_CORRECTION:
        raise ValidationError(_("当前状态不能延长答复期限。"))
    if app.extended:
        raise ValidationError(_("答复期限只能延长一次，本申请已经延长过。"))
    rules = rules_for(app.institution)
    if not rules.extension_days:
        raise ValidationError(_("本校规则不允许延长答复期限。"))
    today = today or _today()
    if app.due_on and today > app.due_on:
        raise ValidationError(_("答复期限已过，不能再延长。"))
    before = app.due_on
    changes = _with_due(app, extended=True)
    notice = notices.record(
        actor,
        app,
        NoticeKind.EXTENSION,
        on=today,
        delivery=delivery,
        text=reason,
        approver=approver,
        deadline=app.due_on,
        original_due=before,
    )
    return APPLICATIONS.save(
        app,
        changes,
        actor,
        EventAction.EXTENDED,
        from_state=app.state,
        comment=reason,
        approver=approver,
        days=rules.extension_days,
        before=before.isoformat() if before else None,
        after=app.due_on.isoformat() if app.due_on else None,
        number=notice.number,
    )


# ---------------------------------------------------------------- handling


@transaction.atomic
def route(actor, app: Application, department, *, comment: str = "") -> Application:
    app = APPLICATIONS.lock(app)
    require(actor, "handle", app)
    if department.institution_id != app.institution_id:
        raise ValidationError({"department": _("所选部门不属于本校。")})
    if app.state not in {State.RECEIVED, State.ROUTED}:
        raise ValidationError(_("当前状态不能转交部门。"))
    from_state = app.state
    return APPLICATIONS.save(
        app,
        _with_due(app, state=State.ROUTED, department=department),
        actor,
        EventAction.ROUTED,
        from_state=from_state,
        comment=comment,
        department=department.name,
    )


def scan_reply(institution, text: str) -> list[dict]:
    from xxgk.org.screening import screening_config
    from xxgk.screening import scan_text

    return [
        {"kind": f.kind, "label": f.label, "text": f.text, "reason": f.reason}
        for f in scan_text(text, screening_config(institution))
    ]


@transaction.atomic
def draft_reply(
    actor,
    app: Application,
    *,
    reply_type: ReplyType,
    reason: ReplyReason | None,
    text: str,
    fee: Decimal | None = None,
    override_reason: str = "",
    expected_revision: int | None = None,
) -> Reply:
    text = _required_text(text, "text", _("请填写答复正文。"))
    app = APPLICATIONS.lock(app, expected_revision)
    require(actor, "draft", app)
    if reply_type.needs_reason:
        if reason is None:
            raise ValidationError({"reason": _("“%(type)s”须选择理由。") % {"type": reply_type.name}})
    if reason is not None and reason.reply_type_id != reply_type.id:
        raise ValidationError({"reason": _("所选理由不属于“%(type)s”。") % {"type": reply_type.name}})
    if reason is not None and not reason.active and not (Reply.objects.filter(application=app, reason=reason).exists()):
        raise ValidationError({"reason": _("“%(reason)s”不是本校答复可用的理由，请另选。") % {"reason": reason.name}})
    if not carries_files(reply_type) and ReplyFile.objects.filter(application=app).exists():
        raise ValidationError({"reply_type": reply_files.wrong_type_message(reply_type)})
    from xxgk.foi.letter_preview import strip_echo

    text, _removed = strip_echo(app, reply_type, reason, text)  # the template already writes these
    text = _required_text(text, "text", _("请填写答复正文。"))
    rules = rules_for(app.institution)
    if fee is not None and fee != 0:
        if not rules.fees_enabled:
            raise ValidationError({"fee": _("本校未设置收费，不能填写费用。")})
        if fee < 0:
            raise ValidationError({"fee": _("费用不能为负数。")})
    findings = scan_reply(app.institution, text)
    override_reason = (override_reason or "").strip()
    now = timezone.now()
    reply = Reply.objects.filter(application=app).first() or Reply(application=app)
    reply.reply_type, reply.reason, reply.text, reply.fee = reply_type, reason, text, fee or None
    reply.findings, reply.override_reason = findings, override_reason if findings else ""
    reply.drafted_by, reply.drafted_at = actor, now
    reply.approved_by = reply.approved_at = None
    reply.save()
    from_state = app.state
    APPLICATIONS.save(
        app,
        _with_due(app, state=State.DRAFTED),
        actor,
        EventAction.DRAFTED,
        from_state=from_state,
        reply_type=reply_type.name,
        reason=reason.name if reason else "",
        findings=len(findings),
    )
    if findings and override_reason:
        APPLICATIONS.write(
            app,
            actor,
            EventAction.SCREENING_OVERRIDDEN,
            from_state=State.DRAFTED,
            comment=override_reason,
            findings=[f"{f['label']}：{f['text']}" for f in findings],
        )
    return reply


@transaction.atomic
def approve_reply(actor, app: Application, *, comment: str = "", expected_revision: int | None = None) -> Reply:
    app = APPLICATIONS.lock(app, expected_revision)
    require(actor, "handle", app)
    if app.state != State.DRAFTED:
        raise ValidationError(_("答复尚未拟写，或已经审批。"))
    reply = app.reply
    if reply.drafted_by_id == getattr(actor, "pk", None):
        raise ValidationError(_("拟写答复的人不能审批同一份答复，请由另一位有审批权限的人员审批。"))
    if reply.findings and not reply.override_reason:
        labels = "、".join(sorted({f["label"] for f in reply.findings}))
        raise ValidationError(
            _("答复正文含有个人信息或涉密标志（%(labels)s），请屏蔽后重新拟写，或写明放行理由。") % {"labels": labels}
        )
    if ClockPause.objects.filter(application=app, ended_on__isnull=True).exists():
        raise ValidationError(_("征求第三方意见尚未结束，请先登记结束。"))
    reply_files.refuse_unready(app, reply.reply_type)  # its files screened, and masked or let through
    reply.approved_by, reply.approved_at = actor, timezone.now()
    reply.save(update_fields=["approved_by", "approved_at"])
    APPLICATIONS.save(
        app,
        _with_due(app, state=State.APPROVED),
        actor,
        EventAction.APPROVED,
        from_state=State.DRAFTED,
        comment=comment,
    )
    return reply


@transaction.atomic
def return_reply(actor, app: Application, *, comment: str) -> Application:
    comment = _required_text(comment, "comment", _("退回时请写明需要修改的内容。"))
    app = APPLICATIONS.lock(app)
    require(actor, "handle", app)
    if app.state not in {State.DRAFTED, State.APPROVED}:
        raise ValidationError(_("当前没有待审批的答复。"))
    from_state = app.state
    return APPLICATIONS.save(
        app,
        _with_due(app, state=State.ROUTED if app.department_id else State.RECEIVED),
        actor,
        EventAction.RETURNED,
        from_state=from_state,
        comment=comment,
    )


def send_reply(actor, app: Application, *, on: date | None = None) -> Reply:
    """Send the approved reply: the letter is produced (DOCX and PDF) and the application is closed.

    The letter is rendered before the write transaction (rendering a PDF takes a while and must not
    hold the database's write lock); the transaction then checks that nothing changed meanwhile."""
    from django.core.files.base import ContentFile

    from xxgk.foi.letters import render_letter_files

    seen = Application.objects.select_related("reply").get(pk=app.pk)
    require(actor, "handle", seen)
    _check_sendable(seen, on)
    on = on or _today()
    reply = seen.reply
    reply.sent_by, reply.sent_at, reply.sent_on = actor, timezone.now(), on
    number = notices.reply_number(actor, seen, on).number
    docx_bytes, pdf_bytes = render_letter_files(seen, reply, number=number)
    with transaction.atomic():
        app = APPLICATIONS.lock(app, seen.revision)  # the reply is edited through the application
        require(actor, "handle", app)
        _check_sendable(app, on)
        stored_files.save(reply.letter_docx, f"{app.code}.docx", ContentFile(docx_bytes))
        stored_files.save(reply.letter_pdf, f"{app.code}.pdf", ContentFile(pdf_bytes))
        return _close_with_reply(actor, app, reply, on)


def _check_sendable(app: Application, on: date | None) -> None:
    if app.state != State.APPROVED:
        raise ValidationError(_("答复尚未审批通过，不能发送。"))
    if (on or _today()) < app.received_on:
        raise ValidationError({"on": _("发送日期不能早于收到申请的日期。")})
    reply_files.refuse_unready(app, app.reply.reply_type)


def _close_with_reply(actor, app: Application, reply: Reply, on: date) -> Reply:
    reply.save()
    changes = _closing(
        app, state=State.CLOSED, on=on, outcome_type=reply.reply_type, outcome_reason=reply.reason, fee=reply.fee
    )
    APPLICATIONS.save(
        app,
        changes,
        actor,
        EventAction.SENT,
        from_state=State.APPROVED,
        reply_type=reply.reply_type.name,
        reason=reply.reason.name if reply.reason else "",
        on=on.isoformat(),
        on_time=changes["on_time"],
        fee=str(reply.fee) if reply.fee else None,
    )
    letters = [
        {"name": f"{app.code}-答复书.{fmt}", "path": f.name}
        for fmt, f in (("pdf", reply.letter_pdf), ("docx", reply.letter_docx))
        if f
    ]
    files = reply_files.files_of(app) if carries_files(reply.reply_type) else []
    tell_applicant(app, "foi.replied", attachments=letters, files=[file_entry(app, f) for f in files])
    return reply


# --- the office's settings: clock rules and letter templates ---------------------------------------------------

RULE_FIELDS = (
    "label",
    "days",
    "extension_days",
    "count_from_next_day",
    "consultation_days",
    "correction_notice_days",
    "correction_days",
    "due_soon_within",
    "fees_enabled",
    "fee_note",
    "basis",
    "supervisor",
    "remedy",
    "number_format",
    "consultation_lapse",
)
TEMPLATE_FIELDS = ("title", "body")


def _update(actor, obj, fields: dict, allowed_fields: tuple[str, ...]) -> list[str]:
    """Set the settable `fields` that differ on `obj` (checked by the policy first); the names changed."""
    require(actor, "manage", obj.institution)
    unknown = set(fields) - set(allowed_fields)
    if unknown:
        raise ValueError(f"not settable: {sorted(unknown)}")
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, fields[name])
    if changed:
        obj.save(update_fields=changed)
    return changed


@transaction.atomic
def update_rules(actor, rules: RuleSet, **fields) -> RuleSet:
    """The office edits its clock and handling rules (办理时限、补正、征求意见、收费)."""
    rules = RuleSet.objects.select_for_update().get(pk=rules.pk)
    if "number_format" in fields:
        from xxgk.foi.numbering import validate_number_format

        validate_number_format(fields["number_format"])
    changed = _update(actor, rules, fields, RULE_FIELDS)
    if changed:
        audit(
            actor,
            "foi_rules_updated",
            rules,
            _("修改依申请公开规则：") + "、".join(changed),
            institution=rules.institution,
            changed=changed,
        )
    return rules


@transaction.atomic
def update_letter_template(actor, template: LetterTemplate, **fields) -> LetterTemplate:
    """The office edits the letter it sends for one reply type."""
    template = LetterTemplate.objects.select_for_update().select_related("reply_type").get(pk=template.pk)
    if _update(actor, template, fields, TEMPLATE_FIELDS):
        audit(
            actor,
            "foi_letter_template_updated",
            template,
            _("修改答复书模板：%(t)s") % {"t": template.reply_type.name},
            institution=template.institution,
        )
    return template
