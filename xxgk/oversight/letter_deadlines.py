"""When a mailbox letter is due: the one place that works it out from the letter's own terms.

A letter keeps the terms its box had when it arrived (`Letter.deadline_days`, and `Letter.extension_days`
once its one extension is granted), so a later change to the box never moves an open letter. A transfer
(12345, 信访系统) is due when the sender says (`Letter.external_due`). Whoever recomputes deadlines after
the calendar changes calls `letter_due_on` with the new calendar.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from xxgk.workdays import Calendar


def due_after(received_on: date, days: int, calendar: Calendar) -> date:
    """`days` working days after `received_on`, counted from the next day (自收到之日的次日起算)."""
    return calendar.add(received_on, days).date


def letter_due_on(letter, calendar: Calendar) -> date | None:
    """The letter's due date on `calendar`: the sender's date for a transfer, otherwise the box's term
    (plus the granted extension) in working days after the day it was received."""
    if letter.external_due is not None:
        return letter.external_due
    if letter.deadline_days is None:  # a letter with no terms of its own keeps what it has
        return letter.due_on
    return due_after(letter.received_on, letter.deadline_days + letter.extension_days, calendar)


def extension_refusal(letter, mailbox, today: date) -> str | None:
    """Why this letter cannot be extended today (a message), or None when it can: a transfer's date is
    the sender's, the box allows no extension, it was extended once already, or its due date has passed."""
    if letter.is_transfer:
        return _("转办件的办结期限由转办单位确定，不能在本系统延期。")
    if not mailbox.extension_allowed or not mailbox.extension_days:
        return _("该信箱不允许延期。")
    if letter.extended:
        return _("该来信已延期过一次，不能再次延期。")
    if letter.due_on is not None and today > letter.due_on:
        return _("答复期限（%(due)s）已过，不能再延期。") % {"due": letter.due_on.isoformat()}
    return None
