"""Queueing, sending and configuring messages.

A sender calls :func:`queue` inside the transaction of the change the message reports; the message
row commits (or rolls back) with that change, and so does the job that sends it (`notify.deliver`, run
by the worker, `xxgk.jobs`). Sending happens outside every transaction; a failure is recorded on the row
and the job is queued again for the next attempt, after a growing wait, up to ``XXGK_MESSAGE_ATTEMPTS``
attempts (:func:`deliver_due`, ``xxgk send-messages``, scheduled every few minutes, sends whatever is
due besides). When a job fails for good, the office of its institution is told (:func:`tell_job_failed`)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template import Context, Engine, TemplateSyntaxError
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk import jobs
from xxgk.core.audit import audit
from xxgk.notify.delivery import SENDERS, DeliveryError
from xxgk.notify.kinds import Kind, kind, kinds
from xxgk.notify.models import Channel, DepartmentRobot, Message, MessageSetting, State, about_key
from xxgk.org.policy import require

log = logging.getLogger(__name__)

# seconds to wait after the 1st, 2nd, … failed attempt
BACKOFF_SECONDS = (60, 300, 1800, 7200, 43200)

_ENGINE = Engine(autoescape=False)


def _compile(text: str):
    return _ENGINE.from_string(text)


def render_text(text: str, context: dict) -> str:
    """Plain-text rendering of a subject or body template (no HTML escaping: mail is text)."""
    return _compile(text).render(Context(context, autoescape=False))


def texts_for(institution, key: str) -> tuple[bool, str, str]:
    """(enabled, subject template, body template) of a kind for an institution: its own copy or the default."""
    default = kind(key)
    own = None
    if institution is not None:
        own = MessageSetting.objects.filter(institution=institution, kind=key).first()
    if own is None:
        return True, default.subject, default.body
    return own.enabled, own.subject, own.body


def _render(institution, k: Kind, subject: str, body: str, context: dict) -> tuple[str, str]:
    try:
        return render_text(subject, context), render_text(body, context)
    except TemplateSyntaxError:  # an edited text that no longer compiles: the default still says it
        log.warning("message text of %s for %s does not compile; default used", k.key, institution)
        return render_text(k.subject, context), render_text(k.body, context)


def queue(
    key: str,
    *,
    institution,
    to: str,
    about,
    context: dict | None = None,
    channel: str = Channel.EMAIL,
    attachments: list[dict] | tuple = (),
) -> Message | None:
    """Write a message of kind `key` to `to` about `about`; sent after the current transaction commits.

    Returns None (and writes nothing) when there is no recipient or the institution turned the kind off.
    `attachments` are files already in storage: [{"name": "答复书.pdf", "path": storage name}]."""
    to = (to or "").strip()
    if not to:
        return None
    k = kind(key)
    enabled, subject_text, body_text = texts_for(institution, key)
    if not enabled:
        return None
    ctx = {"institution": institution, "link": "", **(context or {})}
    subject, body = _render(institution, k, subject_text, body_text, ctx)
    message = Message.objects.create(
        institution=institution,
        kind=key,
        channel=channel,
        recipient=to[:500],
        subject=" ".join(subject.split())[:200],
        body=body,
        attachments=list(attachments),
        about=about_key(about),
        next_attempt_at=timezone.now(),
    )
    if settings.XXGK_MESSAGES_SEND_AFTER_COMMIT:
        _send_later(message)
    return message


def _send_later(message: Message, run_after: datetime | None = None) -> None:
    """Queue the job that sends the message (one queued per message), in the current transaction."""
    jobs.enqueue(
        "notify.deliver",
        message.pk,
        key=f"notify.deliver:{message.pk}",
        institution=message.institution_id,
        run_after=run_after,
    )


@jobs.job("notify.deliver", attempts=3, lease=120, label="发送通知")
def deliver_job(pk: int) -> str | None:
    """One attempt at sending message `pk`; after a failed one, the job is queued again for the next."""
    message = deliver(pk) or Message.objects.filter(pk=pk).first()  # None: not due yet, or being sent
    if message is not None and message.state == State.QUEUED:
        _send_later(message, run_after=message.next_attempt_at)
    return message.state if message is not None else None


def _claim(pk: int, now: datetime) -> Message | None:
    """Take a due message for one attempt: count the attempt and push the next one back, so that a
    second sender running at the same time leaves it alone."""
    with transaction.atomic():
        message = (
            Message.objects.select_for_update().filter(pk=pk, state=State.QUEUED, next_attempt_at__lte=now).first()
        )
        if message is None:
            return None
        attempts = message.attempts + 1
        wait = BACKOFF_SECONDS[min(attempts, len(BACKOFF_SECONDS)) - 1]
        claimed = Message.objects.filter(pk=pk, state=State.QUEUED, attempts=message.attempts).update(
            attempts=attempts, next_attempt_at=now + timedelta(seconds=wait)
        )
        if not claimed:
            return None
        message.attempts = attempts
        return message


def deliver(pk: int, *, now: datetime | None = None) -> Message | None:
    """One attempt at sending message `pk` if it is due; returns it as it stands afterwards."""
    now = now or timezone.now()
    message = _claim(pk, now)
    if message is None:
        return None
    try:
        SENDERS[message.channel](message)
    except DeliveryError as exc:
        error = str(exc)[:500]
        final = message.attempts >= settings.XXGK_MESSAGE_ATTEMPTS
        Message.objects.filter(pk=pk).update(last_error=error, state=State.FAILED if final else State.QUEUED)
        if final:
            _tell_undelivered(message)
    else:
        Message.objects.filter(pk=pk).update(state=State.SENT, sent_at=timezone.now(), last_error="")
    return Message.objects.get(pk=pk)


def deliver_due(*, now: datetime | None = None, limit: int = 500) -> dict[str, int]:
    """Send every message whose next attempt has come (``xxgk send-messages``); counts by outcome."""
    now = now or timezone.now()
    counts = {State.SENT.value: 0, State.QUEUED.value: 0, State.FAILED.value: 0}
    for pk in list(Message.objects.due(now).order_by("next_attempt_at", "id").values_list("pk", flat=True)[:limit]):
        message = deliver(pk, now=now)
        if message is not None:
            counts[message.state] += 1
    return counts


#: what the office is told about a message that could not be sent (never told about itself)
UNDELIVERED = "notify.undelivered"


def undelivered_page(institution) -> str:
    """已发通知 showing the institution's messages that could not be sent (with 全部重新发送)."""
    from django.urls import reverse

    return f"{reverse('notify_staff:messages')}?i={institution.slug}&state={State.FAILED}"


def _tell_undelivered(message: Message) -> int:
    """A message of an institution could not be sent after its last attempt: e-mail the office (once a
    day at most: a mail server that is down fails every message), pointing to 发送失败 on 已发通知, where it
    is also on the office's 待办 (`workbench/todo_jobs.py`). How many were told."""
    from xxgk.core.links import absolute
    from xxgk.org.policy import holders

    if message.kind == UNDELIVERED or message.institution_id is None:
        return 0
    institution = message.institution
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    with transaction.atomic():
        if Message.objects.filter(institution=institution, kind=UNDELIVERED, created_at__gte=today).exists():
            return 0
        failed = Message.objects.filter(institution=institution, state=State.FAILED).count()
        addresses = sorted({u.email for u in holders("manage", institution) if u.email})
        for address in addresses:
            queue(
                UNDELIVERED,
                institution=institution,
                to=address,
                about=institution,
                context={
                    "failed": failed,
                    "subject": message.subject,
                    "error": message.last_error,
                    "link": absolute(undelivered_page(institution)),
                },
            )
    return len(addresses)


@transaction.atomic
def retry_failed(actor, institution) -> int:
    """The office sends every message of its institution that failed again (one button on 发送失败);
    submitting twice queues nothing twice: the second finds none failed. How many were queued."""
    require(actor, "manage", institution)
    failed = list(
        Message.objects.select_for_update().filter(institution=institution, state=State.FAILED).order_by("id")
    )
    if not failed:
        return 0
    Message.objects.filter(pk__in=[m.pk for m in failed]).update(
        state=State.QUEUED, attempts=0, next_attempt_at=timezone.now()
    )
    audit(
        actor,
        "messages_retried",
        institution,
        _("重新发送 %(n)s 条发送失败的通知") % {"n": len(failed)},
        institution=institution,
    )
    if settings.XXGK_MESSAGES_SEND_AFTER_COMMIT:
        for message in failed:
            _send_later(message)
    return len(failed)


@transaction.atomic
def retry(actor, message: Message) -> Message:
    """Send a failed message again (the office, from the message list)."""
    message = Message.objects.select_for_update().get(pk=message.pk)
    require(actor, "manage", message.institution)
    if message.state != State.FAILED:
        raise ValidationError(_("只有发送失败的消息可以重新发送。"))
    Message.objects.filter(pk=message.pk).update(state=State.QUEUED, attempts=0, next_attempt_at=timezone.now())
    audit(actor, "message_retried", message, _("重新发送：%(s)s") % {"s": message.subject})
    if settings.XXGK_MESSAGES_SEND_AFTER_COMMIT:
        _send_later(message)
    return Message.objects.get(pk=message.pk)


def _check_template(field: str, text: str) -> None:
    try:
        _compile(text)
    except TemplateSyntaxError as exc:
        raise ValidationError({field: _("模板有误：%(e)s") % {"e": exc}}) from exc


@transaction.atomic
def update_setting(actor, institution, key: str, *, enabled: bool, subject: str, body: str) -> MessageSetting:
    """The office turns a kind of message on or off and edits its text."""
    require(actor, "manage", institution)
    if key not in kinds():
        raise ValidationError(_("没有这种通知。"))
    subject, body = (subject or "").strip(), (body or "").strip() + "\n"
    if not subject:
        raise ValidationError({"subject": _("请填写标题。")})
    _check_template("subject", subject)
    _check_template("body", body)
    setting, _created = MessageSetting.objects.select_for_update().update_or_create(
        institution=institution, kind=key, defaults={"enabled": enabled, "subject": subject, "body": body}
    )
    audit(
        actor,
        "message_setting_changed",
        setting,
        _("%(label)s：%(state)s") % {"label": kind(key).label, "state": _("发送") if enabled else _("不发送")},
        institution=institution,
    )
    return setting


@transaction.atomic
def reset_setting(actor, institution, key: str) -> None:
    """Back to the default text (and on)."""
    require(actor, "manage", institution)
    MessageSetting.objects.filter(institution=institution, kind=key).delete()
    audit(
        actor,
        "message_setting_reset",
        institution,
        _("%(label)s：恢复默认") % {"label": kind(key).label},
        institution=institution,
    )


def robot_for(department) -> str:
    """The department's group-robot address, "" when it has none or it is off."""
    if department is None:
        return ""
    robot = DepartmentRobot.objects.filter(department=department, enabled=True).first()
    return robot.url if robot else ""


@transaction.atomic
def set_robot(actor, department, *, url: str, enabled: bool = True) -> DepartmentRobot | None:
    """The office sets (or, with an empty address, removes) a department's group robot."""
    require(actor, "manage", department.institution)
    url = (url or "").strip()
    if not url:
        DepartmentRobot.objects.filter(department=department).delete()
        audit(actor, "robot_removed", department, _("删除 %(d)s 的群机器人") % {"d": department.name})
        return None
    if not (url.startswith("https://") or url.startswith(("http://127.0.0.1", "http://localhost"))):
        raise ValidationError({"url": _("群机器人地址必须以 https:// 开头。")})
    robot, _created = DepartmentRobot.objects.update_or_create(
        department=department, defaults={"url": url[:500], "enabled": enabled}
    )
    audit(actor, "robot_set", department, _("设置 %(d)s 的群机器人") % {"d": department.name}, enabled=enabled)
    return robot


def tell_job_failed(sender, job, **kwargs) -> int:
    """A background job failed for good: e-mail its institution's office administrators (the platform
    administrators for a job of no institution), kind `jobs.failed`. Not for a failed sending job (whose
    message shows as 发送失败 on 已发通知). How many were told."""
    from django.contrib.auth import get_user_model

    from xxgk.core.links import absolute
    from xxgk.jobs import registry
    from xxgk.org.models import Institution
    from xxgk.org.policy import holders

    if job.kind == "notify.deliver":
        return 0
    institution = Institution.objects.filter(pk=job.institution_id).first() if job.institution_id else None
    if institution is not None:
        people = holders("manage", institution)
    else:
        people = get_user_model().objects.filter(is_superuser=True, is_active=True)
    try:
        label = registry.kind(job.kind).label
    except registry.UnknownKind:
        label = job.kind
    addresses = sorted({u.email for u in people if u.email})
    try:
        page = registry.failure_page(job)
    except Exception:  # noqa: BLE001 - the e-mail still goes without the link
        log.exception("the page of failed job %s", job.pk)
        page = None
    with transaction.atomic():
        for address in addresses:
            queue(
                "jobs.failed",
                institution=institution,
                to=address,
                about=job,
                context={
                    "job": job,
                    "what": label,
                    "error": (job.last_error.splitlines() or [""])[0][:300],
                    "link": absolute(page) if page else "",
                },
            )
    return len(addresses)
