"""E-mail addresses."""

from __future__ import annotations

import re

from .context import Context

KINDS = ("email",)

#: The first character comes before the look-behind (which checks the one before it):
#: the same matches, but the engine can skip to the next letter or digit.
EMAIL_RE = re.compile(
    r"[A-Za-z0-9](?<![A-Za-z0-9._%+\-].)[A-Za-z0-9._%+\-]*[@＠][A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![A-Za-z0-9\-])"
)


def detect(ctx: Context):
    text = ctx.text
    windows = [[max(i - 64, 0), i + 256] for i, _e, word in ctx.keyword_hits() if word in ("@", "＠")]
    if not windows:
        return
    merged = [windows[0]]
    for s, e in windows[1:]:
        if s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    for s, e in merged:
        for m in EMAIL_RE.finditer(text, s, min(e, len(text))):
            yield ctx.finding("email", m.start(), m.end(), 0.9, "电子邮箱地址")
