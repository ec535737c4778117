"""Stored deadlines kept true to the calendar: when the working-day calendar changes, every open letter's
due date (due_on) is recomputed from the terms it keeps (`letter_deadlines.letter_due_on`: the box's term
when it arrived plus a granted extension), and each one that moves gets a `deadline_recomputed` event, in
the transaction of the calendar change. A date the forwarding body set (external_due) is theirs and stays. A case's answer deadline is not stored
(`case_deadlines.answer_due` works it out when shown), so it needs nothing here.

Called by the receiver of `workcalendar.signals.calendar_changed` (connected in `OversightConfig.ready()`).
"""

from __future__ import annotations

from collections.abc import Callable

from xxgk.oversight.letter_deadlines import letter_due_on
from xxgk.oversight.models import Letter, LetterAction


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
        new = letter_due_on(letter, calendar_for(letter.institution))
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
