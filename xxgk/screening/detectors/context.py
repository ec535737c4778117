"""What every detector may ask about the text around a candidate: the line, the label
words just before it, the column it sits in, whether it is an amount, where the
candidate windows are."""

from __future__ import annotations

import bisect
import re

from ..config import ScreeningConfig
from ..extract import Extracted
from ..findings import Finding

D = "[0-9０-９]"
#: Where numbers worth a closer look are: a digit followed by ≥6 more digits, spaces or
#: hyphens. One fast pass; the detectors then run only inside windows around these.
_DIGIT_TRIGGER = re.compile(r"[0-9０-９][0-9０-９ \-]{6,}")
_MARGIN = 12
_TO_ASCII = str.maketrans("０１２３４５６７８９ＸｘＥＧＤＳＰＨＭ＋", "0123456789XxEGDSPHM+")


def ascii_digits(s: str) -> str:
    """Full-width digits and letters to ASCII (same length)."""
    return s.translate(_TO_ASCII)


def only_digits(s: str) -> str:
    return "".join(ch for ch in ascii_digits(s) if "0" <= ch <= "9")


class Context:
    def __init__(self, extracted: Extracted, config: ScreeningConfig):
        self.extracted = extracted
        self.text = extracted.text
        self.config = config
        self.rules = config.rules
        self.kinds = config.enabled_kinds
        self._digit_windows: list[tuple[int, int]] | None = None
        self._text_headers: list[tuple[int, list[str], str]] | None = None
        self._private: frozenset[str] | None = None
        self.pattern_findings: list[Finding] = []

    # -- where to look ---------------------------------------------------------------
    @property
    def digit_windows(self) -> list[tuple[int, int]]:
        """Merged windows around every run of ≥7 digit-like characters."""
        if self._digit_windows is None:
            n = len(self.text)
            windows: list[list[int]] = []
            for m in _DIGIT_TRIGGER.finditer(self.text):
                s, e = m.start() - _MARGIN, m.end() + _MARGIN
                if windows and s <= windows[-1][1]:
                    windows[-1][1] = e
                else:
                    windows.append([max(s, 0), e])
            self._digit_windows = [(s, min(e, n)) for s, e in windows]
        return self._digit_windows

    def finditer(self, pattern: re.Pattern):
        """`pattern` matches inside the digit windows only."""
        text = self.text
        for s, e in self.digit_windows:
            yield from pattern.finditer(text, s, e)

    # -- lines and labels ------------------------------------------------------------
    def line_bounds(self, pos: int) -> tuple[int, int]:
        text = self.text
        ls = text.rfind("\n", 0, pos) + 1
        le = text.find("\n", pos)
        return ls, (len(text) if le < 0 else le)

    def label_before(self, pos: int, reach: int = 16) -> str | None:
        """The kind named by the nearest label word (身份证号、考生号、手机 …) in the
        `reach` characters before `pos` on the same line."""
        text = self.text
        lo = max(text.rfind("\n", 0, pos) + 1, pos - reach)
        last = None
        for m in self.rules.label_re.finditer(text, lo, pos):
            last = m
        return self.rules.label_kind[last.group()] if last else None

    def label_word_before(self, pos: int, reach: int = 16) -> str | None:
        text = self.text
        lo = max(text.rfind("\n", 0, pos) + 1, pos - reach)
        last = None
        for m in self.rules.label_re.finditer(text, lo, pos):
            last = m
        return last.group() if last else None

    # -- columns ---------------------------------------------------------------------
    def column_at(self, pos: int) -> str | None:
        """The header of the column `pos` sits in: a docx/xlsx header cell, or the
        matching field of a header line above a plain-text table."""
        seg = self.extracted.segment_at(pos)
        if seg is not None:
            if seg.column:
                return seg.column
            if seg.row is not None and self.extracted.kind in ("docx", "xlsx"):
                return None
        return self.text_column(pos)

    def column_kinds(self, pos: int) -> frozenset[str]:
        return self.rules.header_kinds(self.column_at(pos))

    def context_kind(self, pos: int) -> str | None:
        """The kind the nearest label or the column header announces, label first."""
        kind = self.label_before(pos)
        if kind:
            return kind
        kinds = self.column_kinds(pos)
        if len(kinds) == 1:
            return next(iter(kinds))
        if kinds:
            return sorted(kinds)[0]
        return None

    def _headers(self) -> list[tuple[int, list[str], str]]:
        if self._text_headers is None:
            headers = []
            text = self.text
            for m in re.finditer(r"[^\n]*(?:姓名|姓 名|考生号|准考证号|学号|身份证|证件号)[^\n]*", text):
                line = m.group()
                if len(line) > 300:
                    continue
                sep = "\t" if "\t" in line else None
                tokens = [t for t in (line.split(sep) if sep else line.split())]
                tokens = ["".join(t.split()) for t in tokens]
                if len(tokens) < 2:
                    continue
                hits = sum(1 for t in tokens if t and len(t) <= 12 and self.rules.header_re.search(t))
                if hits >= 2:
                    headers.append((m.start(), tokens, sep or ""))
            self._text_headers = headers
            self._header_starts = [h[0] for h in headers]
        return self._text_headers

    def text_column(self, pos: int) -> str | None:
        headers = self._headers()
        if not headers:
            return None
        ls, le = self.line_bounds(pos)
        i = bisect.bisect_left(self._header_starts, ls) - 1  # the last header line above
        if i < 0:
            return None
        _hs, tokens, sep = headers[i]
        line = self.text[ls:le]
        rel = pos - ls
        if sep:
            parts = line.split(sep)
            if len(parts) != len(tokens):
                return None
            acc = 0
            for k, part in enumerate(parts):
                if acc <= rel < acc + len(part) + 1:
                    return tokens[k]
                acc += len(part) + 1
            return None
        spans = [m.span() for m in re.finditer(r"\S+", line)]
        if len(spans) != len(tokens):
            return None
        for k, (s, e) in enumerate(spans):
            if s <= rel < e:
                return tokens[k]
        return None

    # -- amounts ---------------------------------------------------------------------
    def is_amount(self, start: int, end: int) -> bool:
        """A number that is a sum of money or a count: followed by a unit (元, 万元, 人 …),
        preceded by ¥, part of a decimal, or in a numeric cell of an amount column."""
        text = self.text
        after = text[end:end + 4].lstrip()
        if after.startswith(self.rules.amount_units):
            return True
        if after[:1] in (".", "．") and after[1:2].isdigit():
            return True
        before = text[max(0, start - 2):start]
        if before.endswith(("¥", "￥", "$", ".", "．")):
            return True
        seg = self.extracted.segment_at(start)
        if seg is not None and seg.column and self.rules.is_amount_header(seg.column):
            return True
        return False

    # -- document-level context -------------------------------------------------------
    @property
    def private_context(self) -> frozenset[str]:
        """Which private topics the document is about (discipline, aid, health)."""
        if self._private is None:
            found = set()
            words = {w: cat for cat, ws in self.rules.private_context.items() for w in ws}
            for m in self.rules.private_context_re.finditer(self.text):
                found.add(words[m.group()])
                if len(found) == len(self.rules.private_context):
                    break
            self._private = frozenset(found)
        return self._private

    def location_of(self, pos: int) -> str | None:
        seg = self.extracted.segment_at(pos)
        return seg.location if seg is not None else None

    def finding(self, kind: str, start: int, end: int, confidence: float, reason: str) -> Finding:
        return Finding(kind, start, end, self.text[start:end], round(min(max(confidence, 0.0), 1.0), 2),
                       reason, self.location_of(start))
