"""The one place that words an application's next step: 我的待办 and the application page say the same thing."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xxgk.foi.models import Application, State
from xxgk.org.policy import can

# (policy action, state) → the next step, in the words of the person who takes it (also who is alerted)
NEXT = {
    ("handle", State.RECEIVED): _("审查申请：转交部门、告知补正或直接拟写答复"),
    ("handle", State.AWAITING_CORRECTION): _("等待申请人补正；期限届满未补正的按视为放弃办结"),
    ("draft", State.ROUTED): _("拟写答复"),
    ("handle", State.DRAFTED): _("审批答复：通过或退回"),
    ("handle", State.APPROVED): _("发送答复并办结"),
}

PAUSED = _("征求第三方意见中（计时暂停）；收到意见后继续办理")
# the office while a department drafts
OFFICE_ROUTED = _("等待承办部门拟写答复；办公室也可以直接拟写")
# whoever drafted the reply cannot approve it
OWN_DRAFT = _("等待拟稿人以外有审批权限的人员审批答复")
# everyone else who sees the application: what it is waiting for
WAITING = {
    State.RECEIVED: _("等待信息公开办公室审查申请"),
    State.AWAITING_CORRECTION: _("等待申请人补正"),
    State.ROUTED: _("等待承办部门拟写答复"),
    State.DRAFTED: _("等待信息公开办公室审批答复"),
    State.APPROVED: _("等待信息公开办公室发送答复"),
}
DONE = _("已办结，无需办理")


def is_paused(app: Application) -> bool:
    """A consultation is open (reads prefetched pauses when there are any)."""
    return any(p.ended_on is None for p in app.pauses.all())


def next_step(user, app: Application, *, paused: bool | None = None, drafted_by_id: int | None = None) -> str:
    """The next step for `user` on `app`, in plain words."""
    if not app.is_open:
        return str(DONE)
    if paused if paused is not None else is_paused(app):
        return str(PAUSED)
    if app.state == State.ROUTED and can(user, "handle", app):
        return str(OFFICE_ROUTED)
    if app.state == State.DRAFTED and can(user, "handle", app):
        if drafted_by_id is None:
            reply = getattr(app, "reply", None)
            drafted_by_id = reply.drafted_by_id if reply is not None else None
        if drafted_by_id is not None and drafted_by_id == user.pk:
            return str(OWN_DRAFT)
    for (action, state), text in NEXT.items():
        if app.state == state and can(user, action, app):
            return str(text)
    return str(WAITING.get(app.state, app.get_state_display()))
