"""Resident identity card numbers (GB 11643-1999): 18 digits with a valid check digit and
a plausible birth date, or the 15-digit numbers issued before 1999."""

from __future__ import annotations

import datetime as dt
import re

from .context import Context, ascii_digits

KINDS = ("id_card",)

ID_RE = re.compile(
    r"(?<![0-9０-９A-Za-z])(?:[0-9０-９]{17}[0-9０-９XxＸｘ]|[0-9０-９]{15})(?![0-9０-９A-Za-z])"
)
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def check_digit(first17: str) -> str:
    """The 18th character for the first 17 digits."""
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS)) % 11]


def plausible_birth(year: int, month: int, day: int, today: dt.date | None = None) -> bool:
    today = today or dt.date.today()
    try:
        born = dt.date(year, month, day)
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= today


def valid_id(number: str, provinces=None) -> bool:
    """True for an 18-digit number with a valid check digit and birth date (or a 15-digit
    one with a valid birth date). `provinces`, when given, also checks the first two digits."""
    s = ascii_digits(number).upper()
    if provinces is not None and s[:2] not in provinces:
        return False
    if len(s) == 18:
        if not s[:17].isdigit():
            return False
        if not plausible_birth(int(s[6:10]), int(s[10:12]), int(s[12:14])):
            return False
        return check_digit(s[:17]) == s[17]
    if len(s) == 15 and s.isdigit():
        return plausible_birth(1900 + int(s[6:8]), int(s[8:10]), int(s[10:12]))
    return False


def detect(ctx: Context):
    provinces = ctx.rules.province_codes
    for m in ctx.finditer(ID_RE):
        s, e = m.span()
        number = m.group()
        if not valid_id(number, provinces):
            continue
        kind = ctx.context_kind(s)
        if len(number) == 18:
            if kind == "id_card":
                yield ctx.finding("id_card", s, e, 0.99, "18位身份证号（校验位正确，标注为身份证号）")
            else:
                yield ctx.finding("id_card", s, e, 0.97, "18位身份证号（校验位与出生日期均有效）")
        else:
            if kind == "id_card":
                yield ctx.finding("id_card", s, e, 0.95, "15位旧身份证号（标注为身份证号）")
            elif kind is None and not ctx.is_amount(s, e):
                yield ctx.finding("id_card", s, e, 0.7, "15位数字，地区码与出生日期形似旧身份证号")
