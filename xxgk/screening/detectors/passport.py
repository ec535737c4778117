"""Passport and travel-permit numbers: Chinese ordinary passports E/G + 8 digits or
E + letter + 7 digits; diplomatic/service/public D/S/P(E) + 7 digits; 港澳通行证 H/M."""

from __future__ import annotations

import re

from .context import Context

KINDS = ("passport",)

PASSPORT_RE = re.compile(
    r"(?<![0-9A-Za-z])(?:(?P<eg>[EGＥＧ][0-9]{8})|(?P<ea>E[A-HJ-NP-Z][0-9]{7})|(?P<dsp>[DSP]E?[0-9]{7})"
    r"|(?P<hm>[HMCW][0-9]{8}(?:[0-9]{2})?))(?![0-9A-Za-z])"
)


def detect(ctx: Context):
    for m in ctx.finditer(PASSPORT_RE):
        s, e = m.span()
        labelled = ctx.context_kind(s) == "passport"
        if m.group("eg") or m.group("ea"):
            if labelled:
                yield ctx.finding("passport", s, e, 0.97, "护照号码（标注为护照）")
            else:
                yield ctx.finding("passport", s, e, 0.75, "形如普通护照号码（E/G开头）")
        elif labelled:
            yield ctx.finding("passport", s, e, 0.9, "护照或通行证号码（标注为护照/通行证）")
        else:
            yield ctx.finding("passport", s, e, 0.35, "形似公务护照或通行证号码，附近没有护照字样")
