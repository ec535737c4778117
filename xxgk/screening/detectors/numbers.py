"""One pass over the digit runs of the text for every number-shaped kind.

A single fast regular expression finds runs of digits (with the spaces, hyphens and dots
people put inside phone, card and ID numbers, and the line breaks PDF extraction puts in
the middle of them); each run is then told apart by its shape — length, prefix,
grouping, the characters around it — and handed to the family that judges it: identity
cards, bank cards, phones, 考生号/学号, passports. This keeps the cost close to one
regular-expression pass however many kinds there are.

A value split by one line break (11010519491⏎231002X) is joined only when the joined
value passes the full check of its kind (check digit and birth date, Luhn and an issuer
prefix, a mobile prefix), the two pieces touch the break with nothing else between, and
the first piece is not a short line of its own (a page number).
"""

from __future__ import annotations

import re
from itertools import chain, repeat

from ..findings import Finding
from . import bank_card, id_card, passport, phones, school_numbers, table_cells
from .context import Context, ascii_digits

KINDS = ("id_card", "mobile", "landline", "bank_card", "passport", "exam_number", "student_number")

#: A digit followed by ≥6 more digits, spaces, hyphens, dots or line breaks.
TRIGGER = re.compile(r"[0-9０-９][0-9０-９ \-.．\n]{6,}")
_SEPS = " -.．\n"
_PIECE = re.compile(r"[^ \-.．\n]{6,}")
_DIGIT_STR = "0123456789０１２３４５６７８９"
#: The grouped number just before (after) a line break.
_TAIL = re.compile(r"[0-9０-９]+(?:[ \-.．][0-9０-９]+)*$")
_HEAD = re.compile(r"[0-9０-９]+(?:[ \-.．][0-9０-９]+)*")
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
#: Characters next to a run of digits that send it to the full judgement in `single`
#: (a passport's letter, a code, a decimal, an X after 17 digits …).
_FAST_NOT_BEFORE = _LETTERS | _BAD_BEFORE
_FAST_NOT_AFTER = _NOT_AFTER | _X | frozenset(".．")
_new = tuple.__new__
_SCHOOL_KINDS = frozenset(("exam_number", "student_number"))
_UNKNOWN = object()
#: Digits in a value split by a line break that `joined_value` may report: a mobile (11), a card
#: (16–19), an ID (18, or 17 and an X).
_JOINED_LENGTHS = frozenset((11, 16, 17, 18, 19))


class _Scanner:
    def __init__(self, ctx: Context, fast: bool = True):
        self.ctx = ctx
        self.fast = fast  # False: no short paths (the plain version, for tests)
        self.text = ctx.text
        self.n = len(ctx.text)
        kinds = ctx.kinds
        self.want_id = "id_card" in kinds
        self.want_bank = "bank_card" in kinds
        self.want_mobile = "mobile" in kinds
        self.want_landline = "landline" in kinds
        self.want_passport = "passport" in kinds
        self.want_school = "exam_number" in kinds or "student_number" in kinds
        self.provinces = ctx.rules.province_codes
        self.located = bool(ctx.extracted.segments)
        self.school_known: dict = {}
        self.out: list = []
        # the plain-text tables whose ID and 考生号/学号 cells are decided table by table
        # (table_cells.py), skipped below; the kinds of the 考生号/学号 cells of the others
        self.done: list[tuple[int, int]] = []
        self.cell_kinds: dict[int, str] = {}
        if fast and not self.located and (self.want_id or self.want_school):
            decided = table_cells.decide(ctx, TRIGGER, self.want_id, self.want_school)
            self.out.extend(decided.findings)
            self.done = decided.done
            self.cell_kinds = decided.kinds

    def add(self, finding) -> bool:
        if finding is not None:
            self.out.append(finding)
            return True
        return False

    def run(self) -> list:
        single = self.single
        grouped = self.grouped
        piece = _PIECE.search
        text = self.text
        # the runs of digits outside the tables decided already
        froms = [0, *(b for _a, b in self.done)]
        tos = [*(a for a, _b in self.done), self.n]
        for m in chain.from_iterable(map(TRIGGER.finditer, repeat(text), froms, tos)):
            token = m.group()
            s = m.start()
            if token[-1] in _SEPS:
                token = token.rstrip(_SEPS)
            if token.isdigit():
                single(s, s + len(token), token)
            elif len(token) < 11 and piece(token) is None:
                continue  # 2023-07-12, 4755.82, 93.38⏎2: too few digits for a whole number, no long piece
            elif "\n" in token:
                self.lines(s, token)
            else:
                grouped(s, s + len(token), token)
        return self.out

    def part(self, s: int, token: str) -> None:
        """`token` (no line break) as the trigger would have found it on its own."""
        i = len(token) - len(token.lstrip(_SEPS))
        token = token.strip(_SEPS)
        if len(token) < 7:
            return
        s += i
        if token.isdigit():
            self.single(s, s + len(token), token)
        else:
            self.grouped(s, s + len(token), token)

    # -- a run across line breaks ------------------------------------------------------
    def lines(self, s: int, token: str) -> None:
        """Each line's part on its own, except a value split by the line break between
        two of them, which is judged (and reported) as one."""
        parts = token.split("\n")
        if len(parts) == 2 and self.fast:  # the loop below for two lines, written out (most runs have one break)
            left, right = parts
            b = s + len(left)
            c = b + 1
            joined = None
            if left and right and left[-1] in _DIGITS and right[0] in _DIGITS and len(left) + len(right) >= 11:
                joined = self.join(s, b, c, right)
            if joined is None:
                if left:
                    self.part(s, left)
                if right:
                    self.part(c, right)
                return
            js, je = joined
            if js > s:
                self.part(s, self.text[s:js])
            if c + len(right) > je:
                self.part(je, self.text[je : c + len(right)])
            return
        starts = []
        pos = s
        for p in parts:
            starts.append(pos)
            pos += len(p) + 1
        done = s  # text before this is handled
        for i, p in enumerate(parts):
            ps = starts[i]
            a = max(done, ps)
            b = ps + len(p)
            joined = None
            # a value split by the break: digits on both sides of it, eleven characters at least
            if i + 1 < len(parts) and b > a and parts[i + 1] and p[-1] in _DIGITS and parts[i + 1][0] in _DIGITS:
                if b - a + len(parts[i + 1]) >= 11:
                    joined = self.join(a, b, starts[i + 1], parts[i + 1])
            if joined is None:
                if b > a:
                    self.part(a, self.text[a:b])
                done = b + 1
            else:
                js, je = joined
                if js > a:
                    self.part(a, self.text[a:js])
                done = je

    def join(self, a: int, b: int, c: int, right: str) -> tuple[int, int] | None:
        """The span of a value split by the line break at `b` (`text[a:b]` before it,
        `right` from `c` after it), if the joined value is a valid ID, mobile or card."""
        text = self.text
        left = text[a:b]
        ctx = self.ctx
        if (
            self.located
            and ctx.extracted.kind in ("docx", "xlsx")
            and ctx.extracted.segment_at(b - 1) is not ctx.extracted.segment_at(c)
        ):
            return None  # two cells or two paragraphs
        if left.isdigit() and right.isdigit():  # digits only: the groups are the digits
            return self.joined_value(a, b, c + len(right), left, right)
        m = _TAIL.search(left)
        h = _HEAD.match(right)
        if m is None or h is None:
            return None
        grouped_left, grouped_right = m.group(), h.group()
        plain_left = left[len(left.rstrip(_DIGIT_STR)) :]
        plain_right = right[: len(right) - len(right.lstrip(_DIGIT_STR))]
        # the digits touching the break, then the groups of digits around it (if other)
        if plain_left and plain_right:
            span = self.joined_value(b - len(plain_left), b, c + len(plain_right), plain_left, plain_right)
            if span is not None:
                return span
        if grouped_left != plain_left or grouped_right != plain_right:
            return self.joined_value(b - len(grouped_left), b, c + len(grouped_right), grouped_left, grouped_right)
        return None

    def joined_value(self, js: int, b: int, je: int, lpart: str, rpart: str) -> tuple[int, int] | None:
        text = self.text
        before = text[js - 1] if js else ""
        if before in _BAD_BEFORE or before in _LETTERS or before in _DIGITS:
            return None
        if lpart.isascii() and rpart.isascii() and lpart.isdigit() and rpart.isdigit():
            norm = lpart + " " + rpart
            digits = lpart + rpart
            few = len(lpart) <= 4
        else:
            norm = ascii_digits(lpart + " " + rpart).replace("．", ".")
            digits = norm.replace(" ", "").replace("-", "").replace(".", "")
            few = None
        n = len(digits)
        if n not in _JOINED_LENGTHS:
            return None  # no ID, mobile or card (asked first: the look at the line below is long)
        if few is None:
            few = sum(map(_DIGITS.__contains__, lpart)) <= 4
        if few:
            # a page number on a line of its own (blank before it on its line; the character
            # just before it is looked at first, lines of prose are long)
            prev = text[js - 1] if js else "\n"
            if prev == "\n" or (prev.isspace() and not text[text.rfind("\n", 0, js) + 1 : js].strip()):
                return None
        after = text[je] if je < self.n else ""
        if n == 17 and after in _X:
            je += 1
            digits += "X"
            n = 18
            after = text[je] if je < self.n else ""
        if after in _NOT_AFTER or (after in ".．" and text[je + 1 : je + 2].isdigit()):
            return None
        ctx = self.ctx
        plain = lpart.isdigit() and rpart.isdigit()
        finding = None
        if n == 18 and self.want_id:  # id_card.judge for 18 ASCII characters
            if id_card.valid_18(digits, self.provinces):
                finding = ctx.finding("id_card", js, je, 0.98, id_card.REASON_18)
        elif n == 11 and self.want_mobile and digits[0] == "1" and digits[1] in "3456789" and "." not in norm:
            if plain or phones.MOBILE_GROUPED.fullmatch(norm):
                finding = phones.judge_mobile(ctx, js, je)
        elif 16 <= n <= 19 and self.want_bank and "." not in norm and digits.isdigit():
            if plain or bank_card.CARD_GROUPED.fullmatch(norm):
                finding = bank_card.judge(ctx, js, je, digits)
        if finding is None or finding.confidence < 0.5:
            return None
        self.out.append(finding)
        return js, je

    # -- a run with spaces or hyphens inside ------------------------------------------
    def grouped(self, s: int, e: int, token: str) -> None:
        text = self.text
        before = text[s - 1] if s else ""
        norm = ascii_digits(token)
        if "．" in norm:
            norm = norm.replace("．", ".")
        count = len(norm) - norm.count(" ") - norm.count("-") - norm.count(".")
        # as one number only with as many digits as an ID, a mobile, a card or a landline has
        if (count in (11, 13, 15) or count >= 16 or norm[0] == "0" and count >= 10) and (
            before not in _BAD_BEFORE and before not in _LETTERS
        ):
            after = text[e] if e < self.n else ""
            if (after not in _LETTERS or count == 17 and after in _X) and self.whole_number(
                s, e, norm, before, count, after
            ):
                return
        if before in _BAD_BEFORE and before != ".":
            # HNTOU-02-2023-0012: the whole run belongs to a code
            return
        # not one number: look at the pieces (columns separated by one space …) of six
        # digits or more that are not joined to another piece by a hyphen
        if "-" not in token and "." not in token and "．" not in token:
            i = s  # spaces alone between the pieces (a list's columns): split, no pattern
            for piece in token.split(" "):
                if len(piece) >= 6:
                    self.single(i, i + len(piece), piece)
                i += len(piece) + 1
            return
        for m in _PIECE.finditer(token):
            i, j = m.span()
            if token[i - 1 : i] != "-" and token[j : j + 1] != "-":
                self.single(s + i, s + j, m.group())

    def whole_number(self, s: int, e: int, ascii_token: str, before: str, count: int, after: str) -> bool:
        """A grouped ID, phone or card number (460100 19900101 123X, 4601-0019-…,
        138 1234 5678, 0898-66666666, 6222 0212 …); `ascii_token` in ASCII."""
        if count == 18 or count == 17 and after in _X:
            if self.want_id:
                digits = ascii_token.replace(" ", "").replace("-", "").replace(".", "")
                if count == 17:
                    digits += "X"
                    e += 1
                if self.add(id_card.judge(self.ctx, s, e, digits)):
                    return True
            if count == 17:
                return False
        if "." in ascii_token:
            return False  # dots group ID numbers only (2024.10.08, 1.234.567 are not numbers to join)
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
        if self.fast and run.isascii() and (s == 0 or text[s - 1] not in _FAST_NOT_BEFORE):
            if e == self.n or text[e] not in _FAST_NOT_AFTER:
                # the common shapes of a list — an 18-digit ID, a 考生号 or 学号 — with
                # nothing special around them (the checks below would come to the same)
                n = e - s
                if n == 18:
                    if self.want_id and id_card.valid_18(run, self.provinces):
                        loc = ctx.location_of(s) if self.located else None
                        self.out.append(_new(Finding, ("id_card", s, e, run, 0.98, id_card.REASON_18, loc)))
                        return
                elif n in _SCHOOL_ONLY and run[0] != "0":
                    if self.want_school:
                        kind = self.cell_kinds.get(s)
                        if kind is not None:
                            # the cell of a 考生号/学号 column: the decision is the same for
                            # every cell of a length (unless a student-number pattern is set)
                            known = self.school_known.get((kind, n), _UNKNOWN)
                            if known is _UNKNOWN:
                                known = self.school_known[kind, n] = school_numbers.decision(ctx, kind, n)
                            if known is not school_numbers.ASK:
                                if known is not None:
                                    loc = ctx.location_of(s) if self.located else None
                                    self.out.append(_new(Finding, (known[0], s, e, run, known[1], known[2], loc)))
                                return
                        finding = school_numbers.judge(ctx, s, e, run, self.cell_kinds.get(s, school_numbers.ASK))
                        if finding is not None:
                            self.out.append(finding)
                    return
                elif n == 11 and run[0] == "1" and run[1] in "3456789":
                    # a mobile's shape: a mobile unless a label or column calls it another
                    # number, then perhaps a 考生号 or 学号 (as below)
                    if self.want_mobile:
                        finding = phones.judge_mobile(ctx, s, e)
                        if finding is not None:
                            self.out.append(finding)
                            if finding.confidence >= 0.5:
                                return
                    if self.want_school:
                        finding = school_numbers.judge(ctx, s, e, run)
                        if finding is not None:
                            self.out.append(finding)
                    return
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
            if self.want_id and id_card.valid_18(digits, self.provinces):
                self.out.append(ctx.finding("id_card", s, e, 0.98, id_card.REASON_18))
                return
            if digits[-1] == "X" or id_card.id_shaped(digits, self.provinces):
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
