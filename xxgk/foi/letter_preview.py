"""The whole reply letter as it will read, before the reply is saved; and what the typed text must not repeat.

The template already writes the salutation, the opening sentence ("本校于…收到您提出的信息公开申请…") and the
reply type's statement before the typed text. `strip_echo` removes those from the start of the typed text
(a person pasting a whole letter into the box) and says what it removed.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date

from xxgk.foi.letters import render_letter
from xxgk.foi.models import Reply

MARK = "\ue000"  # a private-use character: where the typed text goes in the rendered template


@dataclass
class Preview:
    title: str
    paragraphs: list[str]
    signature: str
    on: date
    text: str  # the typed text, with any echo of the template removed
    removed: list[str] = field(default_factory=list)


def _unsaved(app, reply_type, reason, text: str, fee=None) -> Reply:
    """A reply that is never saved, attached to a copy of `app` (so `app.reply` stays what the database holds)."""
    return Reply(application=copy.copy(app), reply_type=reply_type, reason=reason, text=text, fee=fee or None)


def template_lead(app, reply_type, reason) -> list[str]:
    """The paragraphs the template puts before the typed text: salutation, opening, the type's statement."""
    _title, paragraphs, _signature, _on = render_letter(app, _unsaved(app, reply_type, reason, MARK))
    lead = []
    for paragraph in paragraphs:
        if MARK in paragraph:
            before = paragraph.split(MARK, 1)[0].strip()
            if before:
                lead.append(before)
            break
        lead.append(paragraph)
    return lead


def _loose(text: str) -> re.Pattern:
    """`text` at the start, whatever the whitespace inside it and around it."""
    chars = [re.escape(c) for c in re.sub(r"\s+", "", text)]
    return re.compile(r"\s*" + r"\s*".join(chars) + r"\s*")


def strip_echo(app, reply_type, reason, text: str) -> tuple[str, list[str]]:
    """`text` without the template's lead paragraphs (or the salutation) at its start; and what was removed."""
    lead = [p for p in template_lead(app, reply_type, reason) if p.strip()]
    salutation = re.compile(r"\s*" + re.escape(app.name.strip()) + r"\s*[：:，,]\s*") if app.name.strip() else None
    removed: list[str] = []
    changed = True
    while changed and text.strip():
        changed = False
        for paragraph in lead:
            match = _loose(paragraph).match(text)
            if match:
                removed.append(paragraph)
                text, changed = text[match.end() :], True
                break
        if not changed and salutation is not None:
            match = salutation.match(text)
            if match:
                removed.append(match.group(0).strip())
                text, changed = text[match.end() :], True
    return text.strip(), removed


def preview(app, *, reply_type, reason, text: str, fee=None) -> Preview:
    """The letter as `send_reply` would render it today from the office's template and this text."""
    text, removed = strip_echo(app, reply_type, reason, text)
    title, paragraphs, signature, on = render_letter(app, _unsaved(app, reply_type, reason, text, fee))
    return Preview(title, paragraphs, signature, on, text, removed)
