"""Resident identity card numbers (GB 11643-1999): 18 digits with a valid check digit and
a plausible birth date, or the 15-digit numbers issued before 1999. A failed check digit
is not a finding (a serial number, or a typo the reviewer cannot act on anyway)."""

from __future__ import annotations

import datetime as dt
from operator import mul

from .context import Context, ascii_digits

KINDS = ("id_card",)

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_TODAY = dt.date.today()


def check_digit(first17: str) -> str:
    """The 18th character for the first 17 digits."""
    return _CHECK[sum(map(mul, map(int, first17), _WEIGHTS)) % 11]


def _check_digit17(body: str) -> str:
    """`check_digit` for 17 decimal digits, in one C call: the weights are 2**(17-i) mod 11,
    and 13 ≡ 2 (mod 11), so the weighted sum is 2 × (the digits read in base 13) mod 11."""
    return _CHECK[2 * int(body, 13) % 11]


def plausible_birth(year: int, month: int, day: int, today: dt.date | None = None) -> bool:
    today = today or _TODAY
    if not (1900 <= year <= today.year and 1 <= month <= 12 and 1 <= day <= _DAYS[month]):
        return False
    if month == 2 and day == 29 and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        return False
    return (year, month, day) <= (today.year, today.month, today.day)


#: "MMDD" of every day of the year (29 February included).
_MONTH_DAYS = frozenset(f"{m:02d}{d:02d}" for m in range(1, 13) for d in range(1, _DAYS[m] + 1))
_TODAY_YMD = _TODAY.strftime("%Y%m%d")


def _birth_ok(ymd: str) -> bool:
    """`plausible_birth` for "YYYYMMDD" in ASCII digits, by comparing strings."""
    md = ymd[4:]
    if md not in _MONTH_DAYS or ymd[:4] < "1900" or ymd > _TODAY_YMD:
        return False
    if md == "0229":
        year = int(ymd[:4])
        return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return True


def valid_id(number: str, provinces=None) -> bool:
    """True for an 18-digit number with a valid check digit and birth date (or a 15-digit
    one with a valid birth date). `provinces`, when given, also checks the first two digits."""
    s = number if number.isascii() else ascii_digits(number)
    if s[-1] == "x":
        s = s[:-1] + "X"
    if provinces is not None and s[:2] not in provinces:
        return False
    if len(s) == 18:
        body = s[:17]
        if not body.isdigit():
            return False
        if not body.isascii():  # other scripts' digits: int() reads them
            if not plausible_birth(int(s[6:10]), int(s[10:12]), int(s[12:14])):
                return False
        elif not _birth_ok(s[6:14]):
            return False
        return _check_digit17(body) == s[17]
    if len(s) == 15 and s.isdigit():
        return plausible_birth(1900 + int(s[6:8]), int(s[8:10]), int(s[10:12]))
    return False


def id_shaped(digits: str, provinces) -> bool:
    """Region code and birth date of an 18-digit ID, whatever the check digit."""
    if not (len(digits) == 18 and digits[:2] in provinces and digits[:17].isdigit()):
        return False
    if digits.isascii():
        return _birth_ok(digits[6:14])
    return plausible_birth(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))


REASON_18 = "18位身份证号（校验位与出生日期均有效）"


def valid_18(digits: str, provinces) -> bool:
    """`valid_id` for 18 ASCII characters (17 digits and a digit or an upper-case X), the
    shape the number scanner hands over: no conversion, three string checks and one
    `int` call."""
    return (
        digits[:2] in provinces
        and _birth_ok(digits[6:14])
        and digits[:17].isdigit()
        and _check_digit17(digits[:17]) == digits[17]
    )


#: `_CHECK[2 * x % 11]` for each x % 11 (see `_check_digit17`).
_CHECK_OF_BASE13 = "".join(_CHECK[2 * r % 11] for r in range(11))


def valid_18_all(numbers: list[str], provinces) -> list[bool]:
    """`valid_18` of each of `numbers` (18 ASCII digits each: the ID column of a list), in one
    comprehension: the birth date compared as strings in place, the check digit by a table."""
    return [
        v[:2] in provinces
        and v[10:14] in _MONTH_DAYS
        and "1900" <= v[6:14] <= _TODAY_YMD
        and (v[10:14] != "0229" or _birth_ok(v[6:14]))
        and _CHECK_OF_BASE13[int(v[:17], 13) % 11] == v[17]
        for v in numbers
    ]


def judge(ctx: Context, s: int, e: int, digits: str):
    """A Finding if `text[s:e]` (15 or 18 characters, `digits` in ASCII) is an ID number."""
    if not valid_id(digits, ctx.rules.province_codes):
        return None
    if len(digits) == 18:
        return ctx.finding("id_card", s, e, 0.98, REASON_18)
    kind = ctx.context_kind(s)
    if kind == "id_card":
        return ctx.finding("id_card", s, e, 0.95, "15位旧身份证号（标注为身份证号）")
    if kind is None and not ctx.is_amount(s, e):
        return ctx.finding("id_card", s, e, 0.7, "15位数字，地区码与出生日期形似旧身份证号")
    return None
