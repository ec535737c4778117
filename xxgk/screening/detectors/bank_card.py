"""Bank card numbers: 16–19 digits (optionally in groups of four) passing the Luhn check.
Numbers failing Luhn (serial numbers) are not findings; Luhn-valid numbers without a
card issuer prefix or a label are scored 0.4 (one random number in ten passes Luhn)."""

from __future__ import annotations

import re

from .context import Context

KINDS = ("bank_card",)

CARD_GROUPED = re.compile(r"[0-9]{4}(?:[ \-][0-9]{4}){3}(?:[ \-]?[0-9]{1,3})?")
# Issuer prefixes of cards in use in China: UnionPay 62/60/9x, Visa 4, Mastercard 51–55/22–27,
# JCB 35, American Express 34/37.
_IIN = re.compile(r"62|60|9[0-9]|4|5[1-5]|2[2-7]|35|3[47]")


#: Each digit as the digit of its double's digit sum (Luhn: 5 → 1+0 = 1, 7 → 1+4 = 5).
_DOUBLED = str.maketrans("0123456789", "0246813579")


def luhn_ok(digits: str) -> bool:
    """The Luhn check of ASCII `digits`: the digit sums added in C (bytes are numbers)."""
    undoubled = digits[-1::-2].encode()
    doubled = digits[-2::-2].translate(_DOUBLED).encode()
    return (sum(undoubled) + sum(doubled) - 48 * len(digits)) % 10 == 0


def judge(ctx: Context, s: int, e: int, digits: str):
    """A Finding if the 16–19 `digits` at `text[s:e]` are a card number, else None."""
    if not luhn_ok(digits) or ctx.is_amount(s, e):
        return None
    kind = ctx.context_kind(s)
    if kind == "bank_card":
        return ctx.finding("bank_card", s, e, 0.95, "银行卡号（标注为卡号/账号，Luhn校验通过）")
    if kind not in (None, "person_name", "address"):
        return None  # labelled as an ID, exam or student number: not a card
    if _IIN.match(digits):
        return ctx.finding("bank_card", s, e, 0.8, "银行卡号（发卡行前缀与Luhn校验均符合）")
    return ctx.finding("bank_card", s, e, 0.4, "16–19位数字通过Luhn校验，但前缀不像银行卡")
