"""E-mail addresses, in any case, with a space around the @ (zhang @ hntou.edu.cn), or with
the @ written out to keep harvesters away: zhang[at]hntou.edu.cn, zhang（at）hntou.edu.cn."""

from __future__ import annotations

import re

from .context import Context

KINDS = ("email",)

#: The @ as people write it: @ or ＠ with at most one space on each side, or "at" in
#: brackets ([at], (at), （at）, 【at】, any case; the pass that finds candidates knows the
#: forms listed in the rules' email_at_words).
AT = r"(?:[ \u3000]?[@＠][ \u3000]?|[\[(（【] ?[Aa][Tt] ?[\])）】])"
#: The first character comes before the look-behind (which checks the one before it):
#: the same matches, but the engine can skip to the next letter or digit.
EMAIL_RE = re.compile(
    r"[A-Za-z0-9](?<![A-Za-z0-9._%+\-].)[A-Za-z0-9._%+\-]*+" + AT + r"[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![A-Za-z0-9\-])"
)


def _at_positions(ctx: Context) -> list[int]:
    """Where the @ of each candidate address is: @, ＠ and the written-out forms ([at],
    （at） … from the rules), all found by the keyword pass shared with other detectors."""
    ats = ctx.rules.email_at_words
    return [i for i, _e, word in ctx.keyword_hits() if word in ("@", "＠") or word in ats]


#: Every @ the pattern takes (@, ＠, "at" in brackets): where an address can be. Written with
#: one set of first characters, which the engine skips to (as an alternation it tries each
#: branch at every character, ten times slower).
_ANY_AT = re.compile(r"[@＠\[(（【](?:(?<=[@＠])|(?<![@＠]) ?[Aa][Tt] ?[\])）】])")
#: The characters of the part before the @.
_LOCAL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-"


def detect(ctx: Context):
    text = ctx.text
    windows = [[max(i - 64, 0), i + 256] for i in _at_positions(ctx)]
    if not windows:
        return
    merged = [windows[0]]
    for s, e in windows[1:]:
        if s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    n = len(text)
    for s, e in merged:
        for a, b in addresses(text, s, min(e, n)):
            yield ctx.finding("email", a, b, 0.9, "电子邮箱地址")


def addresses(text: str, s: int, e: int):
    """The spans of `EMAIL_RE.finditer(text, s, e)`, without looking where no address can be:
    the first can start no earlier than the run of local-part characters before the window's
    first @ (the look-behind rules out a start inside a run, and the local part takes the whole
    run up to its @), and none comes after the last @."""
    first = _ANY_AT.search(text, s, e)
    if first is None:
        return
    q = first.start()
    if text[q] in "@＠" and q > s and text[q - 1] in " \u3000":
        q -= 1
    chunk = text[s:q]
    start = q - (len(chunk) - len(chunk.rstrip(_LOCAL)))
    for m in EMAIL_RE.finditer(text, start, e):
        yield m.span()
        if _ANY_AT.search(text, m.end(), e) is None:
            return
