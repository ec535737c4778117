"""Stored deadlines kept true to the calendar: when the working-day calendar changes, every open
application's reply due date (due_on, due_certain), 补正 deadline (correction_due_on) and open third-party
consultations' answer dates (ClockPause.answer_by) are recomputed, and each application whose dates move
gets a `deadline_recomputed` event, in the transaction of the calendar change.

Called by the receiver of `workcalendar.signals.calendar_changed` (connected in `FoiConfig.ready()`).
"""

from __future__ import annotations

from collections.abc import Callable

from xxgk.foi.loader import rules_for
from xxgk.foi.models import Application, ApplicationEvent, ClockPause, EventAction, State


def correction_days(app: Application) -> int:
    """The working days the applicant was given to supplement: as recorded on the notice, else the rules'."""
    event = (
        ApplicationEvent.objects.filter(application=app, action=EventAction.CORRECTION_REQUESTED)
        .order_by("-at")
        .first()
    )
    days = (event.data or {}).get("days") if event else None
    return days if isinstance(days, int) and not isinstance(days, bool) else rules_for(app.institution).correction_days


def _iso(d) -> str | None:
    return d.isoformat() if d else None


def recompute_deadlines(calendar_for: Callable, *, actor=None, institution=None, reason: str = "") -> list:
    """Recompute every open application's stored deadlines on ``calendar_for(institution)``; returns those moved.

    Only ``institution``'s applications when given (its closures changed). Must run inside a transaction.
    """
    from xxgk.foi.services import APPLICATIONS, compute

    apps = Application.objects.open().select_related("institution").order_by("pk")
    if institution is not None:
        apps = apps.filter(institution=institution)
    moved = []
    for app in apps:
        app = APPLICATIONS.lock(app)
        calendar = calendar_for(app.institution)
        changes, data = {}, {}
        if app.state == State.AWAITING_CORRECTION:
            if app.correction_requested_on:
                new = calendar.add(app.correction_requested_on, correction_days(app)).date
                if new != app.correction_due_on:
                    changes["correction_due_on"] = new
                    data["correction_due_on"] = [_iso(app.correction_due_on), _iso(new)]
        else:
            due = compute(app, calendar)
            if (due.date, due.certain) != (app.due_on, app.due_certain):
                changes.update(due_on=due.date, due_certain=due.certain)
                data["due_on"] = [_iso(app.due_on), _iso(due.date)]
                data["provisional"] = due.provisional
        for pause in app.pauses.filter(ended_on__isnull=True, answer_by__isnull=False):
            new = calendar.add(pause.started_on, rules_for(app.institution).consultation_days).date
            if new != pause.answer_by:
                data.setdefault("answer_by", []).append([pause.third_party, _iso(pause.answer_by), _iso(new)])
                ClockPause.objects.filter(pk=pause.pk).update(answer_by=new)
        if changes or data:
            moved.append(
                APPLICATIONS.save(
                    app, changes, actor, EventAction.DEADLINE_RECOMPUTED, from_state=app.state, comment=reason, **data
                )
            )
    return moved


def on_calendar_changed(sender, *, actor=None, institution=None, reason="", calendar_for, **kwargs) -> tuple:
    return "依申请公开申请", recompute_deadlines(calendar_for, actor=actor, institution=institution, reason=reason)
