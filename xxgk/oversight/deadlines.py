"""Stored deadlines kept true to the calendar: when the working-day calendar changes, every open letter's
due date (due_on) is recomputed from its mailbox's deadline (the extended one once extended), and each one
that moves gets a `deadline_recomputed` event, in the transaction of the calendar change. A date the
forwarding body set (external_due) is theirs and stays. Cases (复议、诉讼) store no deadline of ours.

Called by the receiver of `workcalendar.signals.calendar_changed` (connected in `OversightConfig.ready()`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from xxgk.oversight.models import Letter, LetterAction
from xxgk.workdays import Calendar, DeadlineRule, compute_due


def letter_due(letter: Letter, calendar: Calendar) -> date | None:
    """The letter's due date on ``calendar``: the forwarding body's date, else its mailbox's working days."""
    if letter.external_due:
        return letter.external_due
    mailbox = letter.mailbox
    days = mailbox.max_extended_days if letter.extended else mailbox.deadline_days
    return compute_due(letter.received_on, DeadlineRule(days=days), calendar=calendar).date


def recompute_deadlines(calendar_for: Callable, *, actor=None, institution=None, reason: str = "") -> list:
    """Recompute every open letter's due date on ``calendar_for(institution)``; returns the letters moved.

    Only ``institution``'s letters when given (its closures changed). Must run inside a transaction.
    """
    from xxgk.oversight.services import LETTERS

    letters = Letter.objects.open().filter(due_on__isnull=False, external_due__isnull=True).order_by("pk")
    if institution is not None:
        letters = letters.filter(institution=institution)
    moved = []
    for letter in letters.select_related("institution", "mailbox"):
        letter = LETTERS.lock(letter)
        new = letter_due(letter, calendar_for(letter.institution))
        if new != letter.due_on:
            old = letter.due_on
            moved.append(
                LETTERS.save(
                    letter,
                    {"due_on": new},
                    actor,
                    LetterAction.DEADLINE_RECOMPUTED,
                    from_state=letter.state,
                    comment=reason,
                    due_on=[old.isoformat() if old else None, new.isoformat() if new else None],
                )
            )
    return moved


def on_calendar_changed(sender, *, actor=None, institution=None, reason="", calendar_for, **kwargs) -> tuple:
    return "来信", recompute_deadlines(calendar_for, actor=actor, institution=institution, reason=reason)
