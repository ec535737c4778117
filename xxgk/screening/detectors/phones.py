"""Mainland mobile numbers (1[3-9]x, with +86/0086, spaces or hyphens) and landlines
(area code 0xx/0xxx with a hyphen or brackets, 7–8 digit local number, extension)."""

from __future__ import annotations

import re

from .context import Context

KINDS = ("mobile", "landline")

_D = "[0-9０-９]"
MOBILE_RE = re.compile(
    rf"(?<![0-9０-９A-Za-z+＋.．])(?:(?:\+|＋|00)?86[ \-]?)?[1１][3-9３-９]{_D}(?:[ \-]?{_D}{{4}}){{2}}(?![0-9０-９A-Za-z])"
)
_AREA = r"0(?:10|2[0-9]|[3-9][0-9]{2})"
LANDLINE_RE = re.compile(
    rf"(?<![0-9A-Za-z/\-])(?:[(（]{_AREA}[)）][ \-]?|{_AREA}[ \-－—])[2-9][0-9]{{6,7}}"
    r"(?:(?:转|-|ext\.?|分机)[0-9]{1,5})?(?![0-9A-Za-z])"
)
LANDLINE_BARE_RE = re.compile(rf"(?<![0-9A-Za-z/\-]){_AREA}[2-9][0-9]{{6,7}}(?![0-9A-Za-z])")
_PHONE_KINDS = {"mobile", "landline"}


def detect(ctx: Context):
    want_mobile = "mobile" in ctx.kinds
    want_landline = "landline" in ctx.kinds
    if want_mobile:
        for m in ctx.finditer(MOBILE_RE):
            s, e = m.span()
            if ctx.is_amount(s, e):
                continue
            kind = ctx.context_kind(s)
            if kind in _PHONE_KINDS:
                yield ctx.finding("mobile", s, e, 0.97, "手机号码（标注为电话/手机）")
            elif kind in (None, "person_name", "address", "email"):
                yield ctx.finding("mobile", s, e, 0.9, "手机号码（1[3-9]开头的11位号码）")
            else:  # labelled as something else (学号、考生号 …): let that detector decide
                yield ctx.finding("mobile", s, e, 0.45, "形似手机号码，但标注为其他编号")
    if want_landline:
        for m in ctx.finditer(LANDLINE_RE):
            s, e = m.span()
            kind = ctx.context_kind(s)
            conf = 0.95 if kind in _PHONE_KINDS else 0.85
            yield ctx.finding("landline", s, e, conf, "固定电话号码（区号+号码）")
        for m in ctx.finditer(LANDLINE_BARE_RE):
            s, e = m.span()
            if ctx.context_kind(s) in _PHONE_KINDS and not ctx.is_amount(s, e):
                yield ctx.finding("landline", s, e, 0.8, "固定电话号码（标注为电话，区号未分隔）")
