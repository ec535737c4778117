"""高考考生号 (14 digits: year, province code, …) and student numbers (学号, pattern set
per institution). Both are told apart from other long numbers by context: a label just
before (考生号：…), or the column they sit in (a 考生号 / 学号 header).

Without context: a 14-digit number whose year and province code are plausible is
reported at confidence 0.4, a number matching the configured student-number pattern
at 0.45 — both under the default threshold 0.5, so not reported unless asked for.
"""

from __future__ import annotations

import datetime as dt
import re

from .context import Context

KINDS = ("exam_number", "student_number")

_OTHER_KINDS = {"id_card", "mobile", "landline", "bank_card", "passport", "email", "other_number"}


def plausible_exam_number(digits: str, provinces) -> bool:
    if len(digits) != 14 or not digits.isdigit():
        return False
    year = int(digits[:2])
    if year > (dt.date.today().year % 100) + 1:
        return False
    return digits[2:4] in provinces


#: `judge` asks the context for the kind unless it is given.
ASK = object()


def decision(ctx: Context, kind, n: int):
    """What `judge` decides for `n` digits that `kind` (a column or label) calls a 考生号 or
    学号, when that depends on nothing else: (kind, confidence, reason) of the finding,
    None for no finding, or `ASK` when it depends on the digits or their surroundings
    (another kind, or the institution's student-number pattern to match)."""
    if kind == "exam_number":
        if "exam_number" not in ctx.kinds:
            return None
        if n == 14:
            return ("exam_number", 0.95, "高考考生号（标注为考生号）")
        if 8 <= n <= 18:
            return ("exam_number", 0.85, "考生号/准考证号（按标注判断）")
        return None
    if kind == "student_number":
        if "student_number" not in ctx.kinds:
            return None
        if ctx.config.student_re is not None:
            return ASK
        if n <= 14:
            return ("student_number", 0.9, "学号（标注为学号）")
        return None
    return ASK


def judge(ctx: Context, s: int, e: int, digits: str, kind=ASK):
    """A Finding if the `digits` at `text[s:e]` are a 考生号 or 学号 (by context), else None.
    `kind`: what `ctx.context_kind(s)` says, when the caller knows it already."""
    kinds = ctx.kinds
    if kind is ASK:
        kind = ctx.context_kind(s)
    known = decision(ctx, kind, len(digits))
    if known is not ASK:
        return None if known is None else ctx.finding(known[0], s, e, known[1], known[2])
    student_re = ctx.config.student_re
    if kind == "student_number":  # the institution's pattern is set
        if student_re.fullmatch(digits):
            return ctx.finding("student_number", s, e, 0.95, "学号（标注为学号，符合本校学号格式）")
        return ctx.finding("student_number", s, e, 0.7, "标注为学号，但不符合本校学号格式")
    if kind in _OTHER_KINDS:
        return None
    # unlabelled: only a plausible 考生号 or a number of the institution's pattern is kept,
    # unless it is an amount (asked last: most numbers are neither)
    if "exam_number" in kinds and plausible_exam_number(digits, ctx.rules.province_codes):
        if ctx.is_amount(s, e):
            return None
        return ctx.finding("exam_number", s, e, 0.4, "14位数字，年份与省份代码形似高考考生号，但附近没有“考生号”字样")
    if "student_number" in kinds and student_re is not None and student_re.fullmatch(digits):
        if ctx.is_amount(s, e):
            return None
        return ctx.finding("student_number", s, e, 0.45, "符合本校学号格式，但附近没有“学号”字样")
    return None


def detect_lettered(ctx: Context):
    """Student numbers with letters (e.g. "B20230101"), when the institution's pattern has them."""
    student_re = ctx.config.student_re
    if "student_number" not in ctx.kinds or student_re is None or student_re.fullmatch("0" * 8):
        return
    if not re.search(r"[A-Za-z]", student_re.pattern.replace("\\d", "").replace("\\D", "")):
        return
    token_re = re.compile(rf"(?<![0-9A-Za-z])(?:{student_re.pattern})(?![0-9A-Za-z])")
    for m in ctx.finditer(token_re):
        s, e = m.span()
        if m.group().isdigit():
            continue
        if ctx.context_kind(s) == "student_number":
            yield ctx.finding("student_number", s, e, 0.95, "学号（标注为学号，符合本校学号格式）")
        else:
            yield ctx.finding("student_number", s, e, 0.45, "符合本校学号格式，但附近没有“学号”字样")
