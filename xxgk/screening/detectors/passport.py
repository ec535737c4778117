"""Passport and travel-permit numbers: Chinese ordinary passports E/G + 8 digits or
E + letter + 7 digits; diplomatic/service/public D/S/P(E) + 7 digits; 港澳通行证 H/M/C/W."""

from __future__ import annotations

import re

from .context import Context

KINDS = ("passport",)

#: The letters before the digits, read backwards from the digits.
_PREFIX = re.compile(r"(?:(?P<ea>E[A-HJ-NP-Z])|(?P<eg>[EG])|(?P<dsp>[DSP]E?)|(?P<hm>[HMCW]))$")
_SHAPES = {"eg": (8,), "ea": (7,), "dsp": (7,), "hm": (8, 10)}


def judge(ctx: Context, s: int, e: int, digits: str):
    """`text[s:e]` are digits right after letters: a passport number if the letters and the
    digit count fit."""
    text = ctx.text
    head = text[max(0, s - 3) : s]
    m = _PREFIX.search(head)
    if m is None:
        return None
    start = s - len(m.group())
    if start > 0 and text[start - 1].isascii() and text[start - 1].isalnum():
        return None
    shape = m.lastgroup
    if len(digits) not in _SHAPES[shape]:
        return None
    labelled = ctx.context_kind(start) == "passport"
    if shape in ("eg", "ea"):
        if labelled:
            return ctx.finding("passport", start, e, 0.97, "护照号码（标注为护照）")
        return ctx.finding("passport", start, e, 0.75, "形如普通护照号码（E/G开头）")
    if labelled:
        return ctx.finding("passport", start, e, 0.9, "护照或通行证号码（标注为护照/通行证）")
    return ctx.finding("passport", start, e, 0.35, "形似公务护照或通行证号码，附近没有护照字样")
