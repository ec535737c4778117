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

from .context import Context, ascii_digits

KINDS = ("exam_number", "student_number")

NUMBER_RE = re.compile(r"(?<![0-9０-９A-Za-z])[0-9０-９]{6,20}(?![0-9０-９A-Za-z])")
_OTHER_KINDS = {"id_card", "mobile", "landline", "bank_card", "passport", "email"}


def plausible_exam_number(digits: str, provinces) -> bool:
    if len(digits) != 14 or not digits.isdigit():
        return False
    year = int(digits[:2])
    if year > (dt.date.today().year % 100) + 1:
        return False
    return digits[2:4] in provinces


def detect(ctx: Context):
    want_exam = "exam_number" in ctx.kinds
    want_student = "student_number" in ctx.kinds
    student_re = ctx.config.student_re
    provinces = ctx.rules.province_codes
    seen: set[tuple[int, int]] = set()

    for m in ctx.finditer(NUMBER_RE):
        s, e = m.span()
        digits = ascii_digits(m.group())
        kind = ctx.context_kind(s)
        if kind == "exam_number":
            if not want_exam:
                continue
            if len(digits) == 14:
                yield ctx.finding("exam_number", s, e, 0.95, "高考考生号（标注为考生号）")
            elif 8 <= len(digits) <= 18:
                yield ctx.finding("exam_number", s, e, 0.85, "考生号/准考证号（按标注判断）")
            seen.add((s, e))
        elif kind == "student_number":
            if not want_student:
                continue
            if student_re is not None:
                if student_re.fullmatch(digits):
                    yield ctx.finding("student_number", s, e, 0.95, "学号（标注为学号，符合本校学号格式）")
                else:
                    yield ctx.finding("student_number", s, e, 0.7, "标注为学号，但不符合本校学号格式")
            elif len(digits) <= 14:
                yield ctx.finding("student_number", s, e, 0.9, "学号（标注为学号）")
            seen.add((s, e))
        elif kind in _OTHER_KINDS or ctx.is_amount(s, e):
            continue
        else:
            if want_exam and plausible_exam_number(digits, provinces):
                yield ctx.finding("exam_number", s, e, 0.4,
                                  "14位数字，年份与省份代码形似高考考生号，但附近没有“考生号”字样")
            elif want_student and student_re is not None and student_re.fullmatch(digits):
                yield ctx.finding("student_number", s, e, 0.45, "符合本校学号格式，但附近没有“学号”字样")
            seen.add((s, e))

    # Student numbers with letters (e.g. "B20230101") only when the institution says so.
    if want_student and student_re is not None and not student_re.fullmatch("0" * 8):
        token_re = re.compile(rf"(?<![0-9A-Za-z])(?:{student_re.pattern})(?![0-9A-Za-z])")
        for m in ctx.finditer(token_re):
            s, e = m.span()
            if (s, e) in seen or m.group().isdigit():
                continue
            if ctx.context_kind(s) == "student_number":
                yield ctx.finding("student_number", s, e, 0.95, "学号（标注为学号，符合本校学号格式）")
            else:
                yield ctx.finding("student_number", s, e, 0.45, "符合本校学号格式，但附近没有“学号”字样")
