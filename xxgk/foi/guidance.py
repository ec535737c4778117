"""What the application page offers a person now: the deadline that counts, the next step and only the
actions that make sense in this state for this person (asked of the one policy), the usual ones first and
the less common under 其他操作. The services still decide; this only chooses what to show."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from xxgk.foi.loader import rules_for
from xxgk.foi.models import Application, State
from xxgk.foi.next_steps import next_step
from xxgk.org.policy import can

EXTENDABLE = {State.RECEIVED, State.ROUTED, State.DRAFTED}
CONSULTABLE = {State.RECEIVED, State.ROUTED, State.DRAFTED}


@dataclass
class Guide:
    deadline: date | None
    deadline_label: str
    next_step: str
    primary: list[str] = field(default_factory=list)  # action names of foi_staff:act, the main one first
    other: list[str] = field(default_factory=list)  # shown folded under 其他操作


def _can_extend(app: Application, today: date) -> bool:
    if app.extended or app.state not in EXTENDABLE or not rules_for(app.institution).extension_days:
        return False
    return app.due_on is None or today <= app.due_on


def guide(user, app: Application, *, today: date, open_pause=None, expired_correction: bool = False) -> Guide:
    handle = can(user, "handle", app)
    draft = can(user, "draft", app)
    reply = getattr(app, "reply", None)
    own_draft = reply is not None and reply.drafted_by_id is not None and reply.drafted_by_id == user.pk
    waiting_for_applicant = app.state == State.AWAITING_CORRECTION
    g = Guide(
        deadline=app.correction_due_on if waiting_for_applicant else app.due_on,
        deadline_label=str(_("补正期限") if waiting_for_applicant else _("答复期限")),
        next_step=next_step(user, app, paused=open_pause is not None, drafted_by_id=getattr(reply, "drafted_by_id", 0)),
    )
    primary, other = g.primary, g.other
    if open_pause is not None and handle:
        primary.append("consult_end")
    state = app.state
    if state == State.RECEIVED:
        if draft:
            primary.append("draft")
        if handle:
            primary.append("route")
            if not app.correction_requested_on:
                primary.append("correction")
    elif state == State.AWAITING_CORRECTION:
        if handle:
            primary.append("supplement")
            if expired_correction:
                primary.append("expire")
    elif state == State.ROUTED:
        if handle:  # the office waits for the department and may still draft, re-route or ask for a correction
            if draft:
                other.append("draft")
            other.append("route")
            if not app.correction_requested_on:
                other.append("correction")
        elif draft:
            primary.append("draft")
    elif state == State.DRAFTED:
        if handle and not own_draft and open_pause is None:
            primary += ["approve", "return"]
        if draft:
            other.append("draft")  # revise the draft
    elif state == State.APPROVED:
        if handle:
            primary.append("send")
            other.append("return")
    if handle and state in CONSULTABLE and open_pause is None:
        other.append("consult_start")
    if handle and _can_extend(app, today):
        other.append("extend")
    return g
