"""Mainland mobile numbers (1[3-9]x, with +86/0086, spaces or hyphens) and landlines
(area code 0xx/0xxx with a hyphen, a space or brackets, 7–8 digit local number starting
2–9, optional extension; without a separator only after a label such as 电话).

A mobile-shaped number that the nearest label or code word (订单号、文献编码、快递单号 …)
or its column header calls some other number scores 0.45, under the default threshold."""

from __future__ import annotations

import re

from .context import Context

KINDS = ("mobile", "landline")

AREA = r"0(?:10|2[0-9]|[3-9][0-9]{2})"
MOBILE_GROUPED = re.compile(r"(?:(?:00)?86[ \-]?)?1[3-9][0-9][ \-]?[0-9]{4}[ \-]?[0-9]{4}")
LANDLINE_GROUPED = re.compile(rf"{AREA}[ \-][2-9][0-9]{{6,7}}")
LANDLINE_BARE = re.compile(rf"{AREA}[2-9][0-9]{{6,7}}")
PAREN_AREA = re.compile(rf"[(（]{AREA}[)）][ \-]?$")
EXTENSION = re.compile(r"(?:转|-|ext\.?|分机)[0-9]{1,5}(?![0-9])")
_PHONE_KINDS = {"mobile", "landline"}


def judge_mobile(ctx: Context, s: int, e: int):
    """An 11-digit number 1[3-9]…: a mobile unless it is an amount, or the nearest label,
    code word (文献编码、快递单号 …) or the column header says it is some other number."""
    if ctx.is_amount(s, e):
        return None
    rules = ctx.rules
    if s and ctx.text[s - 1] in rules.ordinal_before and ctx.text[e : e + 1] in rules.ordinal_after:
        return ctx.finding("mobile", s, e, 0.45, "形似手机号码，但是序号（第…号）")
    kind = ctx.label_before(s, label_re=rules.phone_label_re, label_kind=rules.phone_label_kind)
    if kind is None or kind == "phone_context":  # no label (致电、拨打 are not labels): the column
        header = ctx.column_at(s)
        kind = ctx.header_kind(header)
        if kind is None and header and any(w in header for w in rules.phone_code_words):
            kind = "other_number"
    if kind in _PHONE_KINDS:
        return ctx.finding("mobile", s, e, 0.97, "手机号码（标注为电话/手机）")
    if kind in (None, "person_name", "address", "email"):
        return ctx.finding("mobile", s, e, 0.9, "手机号码（1[3-9]开头的11位号码）")
    return ctx.finding("mobile", s, e, 0.45, "形似手机号码，但标注为其他编号")


def judge_landline(ctx: Context, s: int, e: int, separated: bool):
    """`separated`: the area code stands apart (hyphen, space, brackets)."""
    m = EXTENSION.match(ctx.text, e)
    if m:
        e = m.end()
    kind = ctx.context_kind(s)
    if separated:
        conf = 0.95 if kind in _PHONE_KINDS else 0.85
        return ctx.finding("landline", s, e, conf, "固定电话号码（区号+号码）")
    if kind in _PHONE_KINDS and not ctx.is_amount(s, e):
        return ctx.finding("landline", s, e, 0.8, "固定电话号码（标注为电话，区号未分隔）")
    return None
