"""What every detector may ask about the text around a candidate: the line, the label
words just before it, the column it sits in, whether it is an amount, where the
candidate windows are."""

from __future__ import annotations

import bisect
import functools
import re

from ..config import ScreeningConfig
from ..document import Extracted
from ..findings import KINDS, Finding
from ..rules import HEADER_HINTS

try:  # the compiled walk over a table's lines (_table_cells.pyx), when built
    from ._table_cells import fitting_end as _fitting_end
except ImportError:
    _fitting_end = None

D = "[0-9０-９]"
#: Where numbers worth a closer look are: a digit followed by ≥6 more digits, spaces or
#: hyphens. One fast pass finds them all (see numbers.py).
DIGIT_TRIGGER = re.compile(r"[0-9０-９][0-9０-９ \-]{6,}")
_MARGIN = 12
#: Characters besides the number that a cell of an amount column may hold (¥, 元, 万元 …).
_AMOUNT_CELL_REST = 4
LINE_REACH = 2000
#: A sign just before a number that makes it an amount (or the decimals of one).
_AMOUNT_BEFORE = frozenset("¥￥$.．")
_KIND_ORDER = {k: i for i, k in enumerate((*KINDS, "other_number"))}
_new = tuple.__new__
_TO_ASCII = str.maketrans("０１２３４５６７８９ＸｘＥＧＤＳＰＨＭ＋", "0123456789XxEGDSPHM+")


@functools.lru_cache(maxsize=64)
def _cell_re(sep: str, column: int) -> re.Pattern:
    """A line of a plain-text table (split by tabs, or by runs of white space when `sep` is ""),
    from the line break before it, whose field number `column` is a run of 6–20 ASCII digits
    (group 1). Starting with the line break lets the engine jump from line to line."""
    if sep:
        return re.compile(rf"\n(?:[^\t\n]*+\t){{{column}}}([0-9]{{6,20}})(?=[\t\n]|\Z)")
    return re.compile(rf"\n[^\S\n]*+(?:\S++[^\S\n]++){{{column}}}([0-9]{{6,20}})(?=[^\S\n]|\n|\Z)")


@functools.lru_cache(maxsize=64)
def _fitting_lines(sep: str, separators: int) -> re.Pattern:
    """Lines in a row, from a line's start, each with `separators` + 1 fields (split by
    tabs, or by runs of white space when `sep` is ""), not blank, each with its line
    break (the last may end the text): what `table_blocks` would count as fitting, one
    line at a time (if no longer than `LINE_REACH`: see `_before_long_line`)."""
    if sep:
        line = rf"(?=[^\n]*?\S)(?:[^\t\n]*+\t){{{separators}}}[^\t\n]*+"
    else:
        line = rf"[^\S\n]*+(?:\S++[^\S\n]++){{{separators}}}\S++[^\S\n]*+"
    return re.compile(rf"(?:{line}(?:\n|\Z))*+")


#: The place words a house number follows (路12号, 小区3栋 …): address.ANCHOR starts with one.
PLACE_WORDS = (
    *("路", "街", "巷", "弄", "胡同", "大道", "村", "社区", "小区", "花园", "苑", "庄", "屯", "里"),
    *("大厦", "公寓", "宿舍", "新村", "家园", "园", "区", "镇"),
)
#: The numerals a house number is written with.
PLACE_NUMERALS = "0-9０-９一二三四五六七八九十百零〇"
#: The last characters of the place words.
PLACE_ENDS = frozenset(w[-1] for w in PLACE_WORDS)


@functools.lru_cache(maxsize=8)
def keyword_place_re(keyword_re: re.Pattern) -> re.Pattern | None:
    """`keyword_re` that also finds, one character each, the last character of a place word
    followed by a numeral (where an address's house number can start): the address detector
    then needs no pass of its own. Each such character is a branch of its own (a set of them
    would cost the pass its quick skip to the words' first characters). None when a keyword
    holds one of those characters (a hit could then hide another)."""
    if any(ch in keyword_re.pattern for ch in PLACE_ENDS):
        return None
    places = "|".join(f"{ch}(?=[{PLACE_NUMERALS}])" for ch in sorted(PLACE_ENDS))
    return re.compile(f"{keyword_re.pattern}|{places}")


def _before_long_line(text: str, ls: int, le: int) -> int:
    """`le`, or the start of the first line in text[ls:le] (whole lines) longer than `LINE_REACH`."""
    lengths = list(map(len, text[ls:le].split("\n")))
    if max(lengths) <= LINE_REACH:
        return le
    for length in lengths:
        if length > LINE_REACH:
            return ls
        ls += length + 1
    return le


def ascii_digits(s: str) -> str:
    """Full-width digits and letters to ASCII (same length)."""
    return s if s.isascii() else s.translate(_TO_ASCII)


class Context:
    def __init__(self, extracted: Extracted, config: ScreeningConfig):
        self.extracted = extracted
        self.text = extracted.text
        #: Whether the text has segments (cells, paragraphs, pages) to say where a finding is.
        self.located = bool(extracted.segments)
        self.config = config
        self.rules = config.rules
        self.kinds = config.enabled_kinds
        #: The first characters of the amount units and of a decimal's point (`is_amount`).
        self._amount_first = frozenset(u[0] for u in self.rules.amount_units if u) | {".", "．"}
        self._digit_windows: list[tuple[int, int]] | None = None
        self._text_headers: list[tuple[int, list[str], str]] | None = None
        self._private: frozenset[str] | None = None
        self._keywords: list[tuple[int, int, str]] | None = None
        #: True when `keyword_hits` holds the place words' last characters (PLACE_ENDS).
        self.place_hits = False
        self._blocks: list | None = None
        self._kind_blocks: list = []
        self._private_pos: list[int] | None = None
        self._private_cats: list[str] = []
        self._kind_of_header: dict[str, str | None] = {}
        self.pattern_findings: list[Finding] = []

    # -- where to look ---------------------------------------------------------------
    @property
    def digit_windows(self) -> list[tuple[int, int]]:
        """Merged windows around every run of ≥7 digit-like characters."""
        if self._digit_windows is None:
            n = len(self.text)
            windows: list[list[int]] = []
            for m in DIGIT_TRIGGER.finditer(self.text):
                s, e = m.start() - _MARGIN, m.end() + _MARGIN
                if windows and s <= windows[-1][1]:
                    windows[-1][1] = e
                else:
                    windows.append([max(s, 0), e])
            self._digit_windows = [(s, min(e, n)) for s, e in windows]
        return self._digit_windows

    def finditer(self, pattern: re.Pattern):
        """`pattern` matches inside windows around the digit runs only (for patterns that
        need digits but start elsewhere, such as student numbers with letters)."""
        text = self.text
        for s, e in self.digit_windows:
            yield from pattern.finditer(text, s, e)

    def keyword_hits(self) -> list[tuple[int, int, str]]:
        """(start, end, word) of every secrecy keyword, home-address label, table-header
        hint (姓名、考生号 …), @ and [at]: one pass shared by the secret-marker, address and
        e-mail detectors and by the plain-text table finder. When addresses are looked for,
        also the last character of each place word followed by a numeral (`place_hits`)."""
        if self._keywords is None:
            pattern = self.rules.keyword_re
            if "address" in self.kinds:
                merged = keyword_place_re(pattern)
                if merged is not None:
                    pattern = merged
                    self.place_hits = True
            self._keywords = [(m.start(), m.end(), m.group()) for m in pattern.finditer(self.text)]
        return self._keywords

    # -- lines and labels ------------------------------------------------------------
    def line_bounds(self, pos: int) -> tuple[int, int]:
        """Start and end of the line around `pos` (a line longer than 4000 characters is
        cut to 2000 on each side, so that no search runs through the whole text)."""
        text = self.text
        lo = max(0, pos - LINE_REACH)
        ls = text.rfind("\n", lo, pos)
        ls = lo if ls < 0 else ls + 1
        hi = min(len(text), pos + LINE_REACH)
        le = text.find("\n", pos, hi)
        return ls, (hi if le < 0 else le)

    def label_before(
        self, pos: int, reach: int = 16, label_re: re.Pattern | None = None, label_kind: dict[str, str] | None = None
    ) -> str | None:
        """The kind named by the nearest label word (身份证号、考生号、手机 …) in the
        `reach` characters before `pos` on the same line (`label_re` and `label_kind`:
        other label words, as a pattern without capturing groups, and their kinds)."""
        text = self.text
        lo = pos - reach if pos > reach else 0  # the `reach` characters before, on the same line
        nl = text.rfind("\n", lo, pos)
        if nl >= 0:
            lo = nl + 1
        tab = text.rfind("\t", lo, pos)  # a label is in the same table cell
        if tab >= 0:
            lo = tab + 1
        # the last label word (findall: the matches as strings, in one call; no groups)
        found = (label_re or self.rules.label_re).findall(text, lo, pos)
        return (label_kind or self.rules.label_kind)[found[-1]] if found else None

    # -- columns ---------------------------------------------------------------------
    def column_at(self, pos: int) -> str | None:
        """The header of the column `pos` sits in: a docx/xlsx header cell, or the
        matching field of a header line above a plain-text table.

        A row of a docx/xlsx table is a line of the text with its cells split by tabs, so the
        header line a row is under names its columns first: a sheet often holds several tables
        one above the other (each with its header row, the first not always among the sheet's
        first rows), and a list typed with spaces into one cell per line is a plain-text table
        of its own. A row that does not split into as many fields as that header line (a cell
        left empty is left out of the text) keeps the header cell of its column."""
        seg = self.extracted.segment_at(pos) if self.located else None
        if seg is not None:
            if seg.row is not None and self.extracted.kind in ("docx", "xlsx"):
                return self.text_column(pos) or seg.column
            if seg.column:
                return seg.column
        return self.text_column(pos)

    def context_kind(self, pos: int) -> str | None:
        """The kind the column header (docx/xlsx header cell, or the header line of a
        plain-text table) or, failing that, the nearest label word before `pos` announces."""
        if self.located:
            kind = self.header_kind(self.column_at(pos))
        else:
            blocks = self._blocks
            if blocks is None:
                blocks = self.table_blocks()
            kind = self._table_field(pos, 5) if blocks else None
        if kind is not None:
            return kind
        text = self.text
        lo = pos - 16 if pos > 16 else 0  # the 16 characters before, on the same line
        nl = text.rfind("\n", lo, pos)
        if nl >= 0:
            lo = nl + 1
        tab = text.rfind("\t", lo, pos)  # a label is in the same table cell
        if tab >= 0:
            lo = tab + 1
        if lo < pos:
            found = self.rules.label_re.findall(text, lo, pos)  # the matches as strings (no groups)
            if found:
                return self.rules.label_kind[found[-1]]
        return None

    def header_kind(self, header: str | None) -> str | None:
        """The one kind a column header announces (the first in `KINDS` order if several)."""
        if not header:
            return None
        try:
            return self._kind_of_header[header]
        except KeyError:
            pass
        kinds = self.rules.header_kinds(header)
        kind = min(kinds, key=_KIND_ORDER.get) if kinds else None
        self._kind_of_header[header] = kind
        return kind

    def _headers(self) -> list[tuple[int, list[str], str]]:
        """Header lines of plain-text tables: lines naming ≥2 known columns, one of them
        a personal one (姓名、考生号、学号、身份证号 …)."""
        if self._text_headers is None:
            headers = []
            text = self.text
            last_end = -1
            hints = frozenset(HEADER_HINTS)
            seen: dict[str, tuple[list[str], str] | None] = {}  # a table repeats its header line
            n = len(text)
            for start, _end, word in self.keyword_hits():
                if word not in hints or start < last_end:
                    continue  # not a hint, or on the line of the last one
                # the line, if at most 300 characters long (no further look: prose lines are long)
                lo = start - 300 if start > 300 else 0
                ls = text.rfind("\n", lo, start) + 1
                if not ls and lo:
                    continue
                le = text.find("\n", start, ls + 301)
                if le < 0:
                    if ls + 301 < n:
                        continue
                    le = n
                last_end = le
                if le - ls > 300:
                    continue
                line = text[ls:le]
                try:
                    header = seen[line]
                except KeyError:
                    header = seen[line] = self._header_fields(line)
                if header is not None:
                    headers.append((ls, *header))
            self._text_headers = headers
            self._header_starts = [h[0] for h in headers]
        return self._text_headers

    def _header_fields(self, line: str) -> tuple[list[str], str] | None:
        """The fields and separator of `line` if it is the header line of a table."""
        if "\t" in line:
            sep = "\t"
            tokens = ["".join(t.split()) for t in line.split(sep)]
        else:
            sep = ""
            tokens = line.split()  # no white space inside
        if len(tokens) < 2:
            return None
        search = self.rules.header_re.search
        hits = 0
        for t in tokens:
            if t and len(t) <= 12 and search(t):
                hits += 1
                if hits == 2:
                    return tokens, sep
        return None

    def table_blocks(self) -> list[tuple[int, int, list[str], str, frozenset[int]]]:
        """Plain-text tables: (start, end, header fields, separator, starts of the lines
        under the header line that do not have as many fields as it) for the lines under
        each header line; every other line starting in [start, end] has as many fields as
        the header. A table ends at a blank line or after three lines in a row that do
        not fit."""
        if self._blocks is None:
            blocks = []
            text = self.text
            n = len(text)
            for hs, tokens, sep in self._headers():
                want = len(tokens)
                fitting = _fitting_lines(sep, want - 1).match if _fitting_end is None else None
                first = -1
                misses: list[int] = []
                run = 0  # lines in a row that do not fit
                pos = text.find("\n", hs, hs + LINE_REACH)
                end = pos
                while 0 <= pos < n and run < 3:
                    ls = pos + 1
                    # the lines that fit, as many in a row as there are, in one match
                    le = fitting(text, ls).end() if fitting is not None else _fitting_end(text, ls, bool(sep), want - 1)
                    if le - ls > LINE_REACH:
                        le = _before_long_line(text, ls, le)
                    if le > ls:
                        if text[le - 1] == "\n":
                            le -= 1
                        if first < 0:
                            first = ls
                        run = 0
                        end = le
                        pos = le if le < n else -1
                        continue
                    # one line that does not fit, is blank, or is too long for the pattern
                    le = text.find("\n", ls, ls + LINE_REACH)
                    if le < 0:
                        le = min(n, ls + LINE_REACH)
                    line = text[ls:le]
                    if not line or line.isspace():
                        break
                    if sep:
                        fits = line.count("\t") + 1 == want
                    else:
                        fits = len(line.split()) == want
                    if fits:
                        if first < 0:
                            first = ls
                        run = 0
                        end = le
                    else:
                        if first >= 0:
                            misses.append(ls)
                        run += 1
                    pos = le if le < n else -1
                if first >= 0:
                    blocks.append((first, end, tokens, sep, frozenset(m for m in misses if m < end)))
            self._blocks = blocks
            self._block_starts = [b[0] for b in blocks]
            # the same with the kind each column's header announces, for `_text_kind`
            kinds: dict[tuple[str, ...], list] = {}
            for b in blocks:
                key = tuple(b[2])
                if key not in kinds:
                    kinds[key] = [self.header_kind(t) for t in key]
            self._kind_blocks = [(*b, kinds[tuple(b[2])]) for b in blocks]
        return self._blocks

    def text_column(self, pos: int) -> str | None:
        """The header of the field at `pos` in a plain-text table: fields are split by tabs
        when the header line has tabs, else by runs of white space; the line must have as
        many fields as the header line."""
        blocks = self._blocks if self._blocks is not None else self.table_blocks()
        if not blocks:
            return None
        return self._table_field(pos, 2)

    def kind_blocks(self) -> list:
        """`table_blocks`, each with the kinds its columns' headers announce (a sixth item)."""
        if self._blocks is None:
            self.table_blocks()
        return self._kind_blocks

    def cell_kinds(self, wanted: frozenset[str], only: list[int] | None = None) -> dict[int, str]:
        """Where the cells of plain-text table columns whose header announces one of the `wanted`
        kinds start, when the cell is a run of 6–20 ASCII digits: {start: kind}, the same answer
        `context_kind` gives for that position, found by one pass per column instead of one
        lookup per value (a list of 考生号 asks for thousands). `only`: the tables to look at
        (indexes into `table_blocks`), all by default."""
        if self._blocks is None:
            self.table_blocks()
        out: dict[int, str] = {}
        text = self.text
        blocks = self._kind_blocks
        for i in range(len(blocks)) if only is None else only:
            start, end, _tokens, sep, misses, kinds = blocks[i]
            # a position at or after the next table's start is that table's (`_table_field`)
            limit = min(end, blocks[i + 1][0]) if i + 1 < len(blocks) else end
            for column, kind in enumerate(kinds):
                if kind not in wanted:
                    continue
                # a table's first line follows its header line's break
                for m in _cell_re(sep, column).finditer(text, start - 1, limit):
                    if m.start() + 1 not in misses:
                        out[m.start(1)] = kind
        return out

    def _text_kind(self, pos: int) -> str | None:
        """`header_kind(text_column(pos))`: the kinds of a table's columns are worked out
        once per table, the values of a list ask for them one by one."""
        return self._table_field(pos, 5)

    def _table_field(self, pos: int, what: int):
        """Item `what` (2: the header fields, 5: their kinds) of the plain-text table whose
        line `pos` is on, for the field at `pos`; None outside a table. One function, as
        every value of a list goes through it."""
        i = bisect.bisect_right(self._block_starts, pos) - 1
        if i < 0:
            return None
        block = self._kind_blocks[i]
        start = block[0]
        if pos >= block[1]:
            return None
        text = self.text
        ls = text.rfind("\n", start, pos) + 1 or start
        if ls in block[4]:
            return None
        if block[3]:
            k = text.count("\t", ls, pos)
        elif pos > ls and not text[pos - 1].isspace():
            k = len(text[ls:pos].split()) - 1
        elif ls == pos:
            k = 0
        else:
            k = len(text[ls:pos].split())
        fields = block[what]
        return fields[k] if 0 <= k < len(fields) else None

    # -- amounts ---------------------------------------------------------------------
    def is_amount(self, start: int, end: int) -> bool:
        """A number that is a sum of money or a count: followed by a unit (元, 万元, 人 …),
        preceded by ¥, part of a decimal, or in a numeric cell of an amount column (a cell
        holding the number, with at most a few characters of unit or sign around it)."""
        text = self.text
        # the character after the number decides whether a unit or a decimal can follow
        # (most numbers are followed by punctuation, a tab or a letter of the next word)
        nxt = text[end : end + 1]
        if nxt in self._amount_first or nxt.isspace():
            after = text[end : end + 4].lstrip()
            if after.startswith(self.rules.amount_units):
                return True
            if after[:1] in (".", "．") and after[1:2].isdigit():
                return True
        if start and text[start - 1] in _AMOUNT_BEFORE:
            return True
        seg = self.extracted.segment_at(start) if self.located else None
        if seg is not None and seg.column and self.rules.is_amount_header(seg.column):
            # the column names an amount for a cell that holds the number (a unit or a sign
            # at most), not for a sentence written in that column (申请人…，手机：139…)
            rest = (text[seg.start : start] + text[end : seg.end]).strip()
            return seg.numeric or len(rest) <= _AMOUNT_CELL_REST
        return False

    # -- document-level context -------------------------------------------------------
    def _private_hits(self) -> tuple[list[int], list[str]]:
        if self._private_pos is None:
            words = {w: cat for cat, ws in self.rules.private_context.items() for w in ws}
            pos, cats = [], []
            for m in self.rules.private_context_re.finditer(self.text):
                pos.append(m.start())
                cats.append(words[m.group()])
            self._private_pos, self._private_cats = pos, cats
        return self._private_pos, self._private_cats

    @property
    def private_context(self) -> frozenset[str]:
        """Which private topics the document is about anywhere (discipline, aid, health)."""
        if self._private is None:
            self._private = frozenset(self._private_hits()[1])
        return self._private

    def private_near(self, pos: int, reach: int = 1500) -> frozenset[str]:
        """The private topics within `reach` characters of `pos` (the notice around it)."""
        positions, cats = self._private_hits()
        i = bisect.bisect_left(positions, pos - reach)
        j = bisect.bisect_right(positions, pos + reach)
        return frozenset(cats[i:j])

    def location_of(self, pos: int) -> str | None:
        seg = self.extracted.segment_at(pos)
        return seg.location if seg is not None else None

    def finding(self, kind: str, start: int, end: int, confidence: float, reason: str) -> Finding:
        """A finding of `text[start:end]` (`confidence` is one of the detectors' 0–1 constants)."""
        location = self.location_of(start) if self.located else None
        return _new(Finding, (kind, start, end, self.text[start:end], confidence, reason, location))
