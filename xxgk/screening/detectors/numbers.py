"""One pass over the digit runs of the text for every number-shaped kind.

A single fast regular expression finds runs of digits (with the spaces and hyphens
people put inside phone and card numbers); each run is then told apart by its shape —
length, prefix, grouping, the characters around it — and handed to the family that
judges it: identity cards, bank cards, phones, 考生号/学号, passports. This keeps the
cost close to one regular-expression pass however many kinds there are.
"""

from __future__ import annotations

import re

from . import bank_card, id_card, passport, phones, school_numbers
from .context import DIGIT_TRIGGER, Context, ascii_digits

KINDS = ("id_card", "mobile", "landline", "bank_card", "passport", "exam_number", "student_number")

TRIGGER = DIGIT_TRIGGER
_PIECE = re.compile(r"[^ \-]{6,}")
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzＡＢＣＤＥＧＨＭＰＳＷ")
#: A number right after one of these is part of something else (a code, a decimal, a path).
_BAD_BEFORE = frozenset("/\\-_.．@#&=%")
_X = frozenset("XxＸｘ")
_NOT_AFTER = _LETTERS | {"@"}
#: A 7–8 digit number after a closing bracket may be a landline with its area code in brackets.
_CLOSE = frozenset(")）")
#: Lengths that, without a leading 0, can only be a 考生号 or 学号 (IDs are 15 and 18,
#: mobiles 11, 13 and 15, cards 16–19).
_SCHOOL_ONLY = frozenset((9, 10, 12, 14, 17, 20))


class _Scanner:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.text = ctx.text
        self.n = len(ctx.text)
        kinds = ctx.kinds
        self.want_id = "id_card" in kinds
        self.want_bank = "bank_card" in kinds
        self.want_mobile = "mobile" in kinds
        self.want_landline = "landline" in kinds
        self.want_passport = "passport" in kinds
        self.want_school = "exam_number" in kinds or "student_number" in kinds
        self.out: list = []

    def add(self, finding) -> bool:
        if finding is not None:
            self.out.append(finding)
            return True
        return False

    def run(self) -> list:
        single = self.single
        grouped = self.grouped
        for m in TRIGGER.finditer(self.text):
            token = m.group()
            s = m.start()
            if token[-1] in " -":
                token = token.rstrip(" -")
            if " " in token or "-" in token:
                grouped(s, s + len(token), token)
            else:
                single(s, s + len(token), token)
        return self.out

    # -- a run with spaces or hyphens inside ------------------------------------------
    def grouped(self, s: int, e: int, token: str) -> None:
        text = self.text
        before = text[s - 1] if s else ""
        count = len(token) - token.count(" ") - token.count("-")
        # as one number only with as many digits as a mobile, a card or a landline has
        if (count in (11, 13, 15) or count >= 16 or token[0] in "0０" and count >= 10) and (
            before not in _BAD_BEFORE and before not in _LETTERS
        ):
            after = text[e] if e < self.n else ""
            if after not in _LETTERS and self.whole_number(s, e, token, before, count):
                return
        if before in _BAD_BEFORE and before != ".":
            # HNTOU-02-2023-0012: the whole run belongs to a code
            return
        # not one number: look at the pieces (columns separated by one space …) of six
        # digits or more that are not joined to another piece by a hyphen
        for m in _PIECE.finditer(token):
            i, j = m.span()
            if token[i - 1 : i] != "-" and token[j : j + 1] != "-":
                self.single(s + i, s + j, m.group())

    def whole_number(self, s: int, e: int, token: str, before: str, count: int) -> bool:
        """A grouped phone or card number (138 1234 5678, 0898-66666666, 6222 0212 …)."""
        ascii_token = ascii_digits(token)
        if self.want_mobile and count in (11, 13, 15) and phones.MOBILE_GROUPED.fullmatch(ascii_token):
            start = s - 1 if before in ("+", "＋") else s
            if self.add(phones.judge_mobile(self.ctx, start, e)):
                return True
        if self.want_landline and ascii_token[0] == "0" and phones.LANDLINE_GROUPED.fullmatch(ascii_token):
            if self.add(phones.judge_landline(self.ctx, s, e, True)):
                return True
        if self.want_bank and count >= 16 and bank_card.CARD_GROUPED.fullmatch(ascii_token):
            digits = ascii_token.replace(" ", "").replace("-", "")
            if self.add(bank_card.judge(self.ctx, s, e, digits)):
                return True
        return False

    # -- a plain run of digits --------------------------------------------------------
    def single(self, s: int, e: int, run: str) -> None:
        text = self.text
        ctx = self.ctx
        before = text[s - 1] if s else " "
        after = text[e] if e < self.n else " "
        digits = run if run.isascii() else ascii_digits(run)
        n = len(digits)
        if n == 17 and after in _X:
            e += 1
            digits += "X"
            n = 18
            after = text[e] if e < self.n else " "
        if before in _LETTERS:
            if self.want_passport and before.isupper() and after not in _LETTERS and after not in _DIGITS:
                self.add(passport.judge(ctx, s, e, digits))
            return
        if before in _BAD_BEFORE or after in _NOT_AFTER:
            return
        if (after == "." or after == "．") and text[e + 1 : e + 2].isdigit():
            return  # a decimal
        # the shapes, by length: 18 and 15 (ID), 11, 13 and 15 (mobile), 16–19 (card),
        # 10–12 and 7–8 (landline), 6–20 (考生号/学号)
        first = digits[0]
        if n == 18:
            if self.want_id:
                finding = id_card.judge(ctx, s, e, digits)
                if finding is not None:
                    self.out.append(finding)
                    return
            if digits[-1] == "X" or id_card.id_shaped(digits, ctx.rules.province_codes):
                return  # an ID number with a wrong check digit: neither an ID nor a card
        elif first != "0" and (n in _SCHOOL_ONLY or n < 9 and before not in _CLOSE):
            # 考生号 (14), 学号 (often 10) …: no other kind has these shapes
            if self.want_school and n >= 6:
                finding = school_numbers.judge(ctx, s, e, digits)
                if finding is not None:
                    self.out.append(finding)
            return
        elif n == 15 and self.want_id and first != "0" and self.add(id_card.judge(ctx, s, e, digits)):
            return
        if self.want_mobile:
            if n == 11 and first == "1" and digits[1] in "3456789":
                finding = phones.judge_mobile(ctx, s, e)
                self.add(finding)
                if finding is not None and finding.confidence >= 0.5:
                    return
            elif (n == 13 and digits[:3] == "861") or (n == 15 and digits[:5] == "00861"):
                start = s - 1 if before == "+" or before == "＋" else s
                if self.add(phones.judge_mobile(ctx, start, e)):
                    return
        if 16 <= n <= 19 and self.want_bank and digits.isdigit():
            if self.add(bank_card.judge(ctx, s, e, digits)):
                return
        if self.want_landline:
            if first == "0" and 10 <= n <= 12 and phones.LANDLINE_BARE.fullmatch(digits):
                if self.add(phones.judge_landline(ctx, s, e, False)):
                    return
            elif (n == 7 or n == 8) and first in "23456789" and (before == ")" or before == "）"):
                m = phones.PAREN_AREA.search(text, max(0, s - 8), s)
                if m and self.add(phones.judge_landline(ctx, m.start(), e, True)):
                    return
        if self.want_school and 6 <= n <= 20 and digits.isdigit():
            self.add(school_numbers.judge(ctx, s, e, digits))


def detect(ctx: Context) -> list:
    found = _Scanner(ctx).run()
    found.extend(school_numbers.detect_lettered(ctx))
    return found
