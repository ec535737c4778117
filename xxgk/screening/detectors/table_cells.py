"""The ID, 考生号 and 学号 cells of plain-text tables, decided table by table.

A published list is mostly table lines, an ID or a 考生号 every few characters. The number
scanner (numbers.py) takes each run of digits on its own: a match, a few checks, a finding.
Here one pattern per table layout (separator and header) picks out, line by line, the cells
of the ID, 考生号 and 学号 columns of the tables of that layout, and they are decided a column
at a time, the way the scanner's short paths decide them:

- 18 digits (ASCII or full-width) that are a valid ID number (region, birth date, check
  digit): an ID; 17 digits and an x: an ID when valid, nothing when not;
- a 考生号/学号 length (`SCHOOL_ONLY`, no leading 0) in a 考生号/学号 column whose decision
  does not depend on the digits (school_numbers.decision): that decision.

A cell is taken only when the scanner would see it as a run of its own with nothing special
around it: in a tab-separated table a column with a tab on each side; in a table split by
spaces a column that is neither the first nor the last, followed by a field starting with no
digit, space, hyphen or dot, and after a field ending in no digit ("学院 2019492018") or in a
few ASCII digits the scanner cuts off as a piece of its own ("海科2301 2019492018", see
`numbers._Scanner.grouped`), or after a tab or an ideographic space.

A table is done here only when its lines hold no run of digits the scanner would look at but
the cells taken, and no run reaches into them from the lines around; the scanner then skips
its lines. Every other table is left to the scanner whole, with the kinds of its 考生号/学号
cells (`Decided.kinds`, as `Context.cell_kinds` gives them).

When the compiled kernel is built (_table_cells.pyx, `_kernel`), it decides the tables of a
layout of at most `_kernel.MAX_COLUMNS` columns instead of the patterns: one walk over a table's
lines in the string's buffer, the IDs checked and the findings made on the spot, the same answer
(tests/screening/test_table_cells_kernel.py compares the two). The patterns stay the reference,
and decide every table when the kernel is not built.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import compress, repeat
from operator import add, is_, is_not, not_
from typing import NamedTuple

from ..findings import Finding
from . import id_card, school_numbers
from .context import LINE_REACH, Context, ascii_digits

try:  # the compiled fast path (_table_cells.pyx), when built
    from . import _table_cells as _kernel
except ImportError:
    _kernel = None

#: Lengths that, without a leading 0, the scanner takes for a 考生号 or 学号 only.
SCHOOL_ONLY = (9, 10, 12, 14, 17, 20)
_SCHOOL_KINDS = frozenset(("exam_number", "student_number"))
#: The characters a run of digits is made of (numbers.TRIGGER).
_RUN = frozenset("0123456789０１２３４５６７８９ -.．\n")
_new = tuple.__new__
_match_group = re.Match.group
_match_start = re.Match.start

# the cells, as patterns
_PLAIN_ID = "[0-9]{18}"
_OTHER_ID = "[0-9０-９]{17}[0-9０-９XxＸｘ]"  # an x, or full-width digits
#: A field of a tab-separated line in which the scanner finds no run of digits: no digits, or
#: at most six characters (a run takes seven; tabs stop it).
_QUIET = r"(?:[^\t\n0-9０-９]*+|[^\t\n]{0,6}+)(?=[\t\n]|\Z)"
# In a table split by spaces, what may come before a cell: a field ending in 1–5 ASCII digits
# after a character that is no number character and no code character (group 1: the digits),
# a field whose number characters at its end hold no digit, or a gap with a tab in it …
_BEFORE = (
    r"(?:\S*?[^\s0-9０-９\-.．/\\_@#&=%]([0-9]{1,5})[ ]++"
    r"|(?:\S*[^\s0-9０-９\-.．])?[\-.．]*+[ ]++"
    r"|\S++[^\S\n]*?[^\S\n ][^\S\n]*+)"
)
_BEFORE_ID = r"(?:(?:\S*[^\s0-9０-９\-.．])?[\-.．]*+[ ]++|\S++[^\S\n]*?[^\S\n ][^\S\n]*+)"
# … and after it: a gap with a tab in it, or spaces and no number character.
_AFTER = r"(?=[^\S\n]*?[^\S\n ]|[ ]++[^\s0-9０-９\-.．])"


class Decided(NamedTuple):
    findings: list[Finding]
    #: (start, end) of the tables done here, in order: the scanner skips them.
    done: list[tuple[int, int]]
    #: {start: kind} of the 考生号/学号 cells of the other tables.
    kinds: dict[int, str]


class _Cells(NamedTuple):
    """A group of a layout's pattern: cells decided alike."""

    pattern: int  # which of the layout's patterns
    group: int
    what: str  # "plain_id", "other_id" or "school"
    decision: tuple | None  # school: (kind, confidence, reason), None for no finding


class _Layout:
    """The patterns for the lines of the tables with one separator and one header, the cells
    they give, and the lines found in the tables of this layout."""

    def __init__(self, ctx: Context, sep: str, kinds: list, want_id: bool, want_school: bool, compiled: bool = False):
        self.sep = sep
        self.cells: list[_Cells] = []
        self.patterns: list[re.Pattern] = []
        self.matches: list[list[re.Match]] = []  # by pattern
        self.owners: list[list[int]] = []  # the block of each match
        #: The compiled fast path for the tables of this layout (`compiled`: when it may be used).
        self.kernel = None
        columns: list = [None] * len(kinds)  # what the kernel takes from each column
        fields = [_QUIET] * len(kinds)
        group = 1
        for c in range(1, len(kinds) - 1):
            kind = kinds[c]
            if want_id and kind == "id_card":
                columns[c] = "id_card"
                if sep:
                    fields[c] = rf"(?:({_PLAIN_ID})(?=\t)|({_OTHER_ID})(?=\t)|{_QUIET})"
                else:
                    self._space_pattern(c, rf"{_BEFORE_ID}(?:({_PLAIN_ID})|({_OTHER_ID})){_AFTER}")
                    group = 1
                k = len(self.patterns) if sep else len(self.patterns) - 1
                self.cells += [_Cells(k, group, "plain_id", None), _Cells(k, group + 1, "other_id", None)]
                group += 2
            elif want_school and kind in _SCHOOL_KINDS:
                by_decision: dict = {}
                for n in SCHOOL_ONLY:
                    by_decision.setdefault(school_numbers.decision(ctx, kind, n), []).append(n)
                if school_numbers.ASK in by_decision:
                    continue  # the digits matter (an institution's pattern for 学号)
                columns[c] = {n: decision for decision, lengths in by_decision.items() for n in lengths}
                # one group for the lengths decided alike, the longest first
                alternatives = [
                    "[1-9](?:" + "|".join(f"[0-9]{{{n - 1}}}" for n in sorted(lengths, reverse=True)) + ")"
                    for lengths in by_decision.values()
                ]
                if sep:
                    fields[c] = "(?:" + "|".join(f"({a})(?=\\t)" for a in alternatives) + f"|{_QUIET})"
                else:
                    self._space_pattern(c, _BEFORE + "(?:" + "|".join(f"({a})" for a in alternatives) + ")" + _AFTER)
                    group = 2
                k = len(self.patterns) if sep else len(self.patterns) - 1
                for decision in by_decision:
                    self.cells.append(_Cells(k, group, "school", decision))
                    group += 1
        if sep and self.cells:
            # a whole line: the cells, and no run of digits elsewhere in it (fields of at most six
            # characters or without digits, the last character no number character)
            self.patterns.append(re.compile(r"\n" + r"\t".join(fields) + r"(?<![0-9０-９ \-.．])(?=\n|\Z)"))
            self.matches.append([])
            self.owners.append([])
        if compiled and self.cells and sep in ("\t", "") and len(kinds) <= _kernel.MAX_COLUMNS:
            self.kernel = _kernel.Layout(
                bool(sep), columns, ctx.rules.province_codes, id_card._TODAY_YMD, Finding, id_card.REASON_18
            )

    def _space_pattern(self, column: int, cell: str) -> None:
        self.patterns.append(re.compile(r"\n[^\S\n]*+" + r"(?:\S++[^\S\n]++)" * (column - 1) + cell))
        self.matches.append([])
        self.owners.append([])

    def collect(self, text: str, i: int, start: int, limit: int) -> int:
        """The lines of block `i` (text[start:limit]) with cells to take; how many lines the
        (last) pattern matched."""
        for pattern, matches, owners in zip(self.patterns, self.matches, self.owners):
            found = list(pattern.finditer(text, start - 1, limit))
            matches += found
            owners += repeat(i, len(found))
        return len(found)


def decide(ctx: Context, trigger: re.Pattern, want_id: bool, want_school: bool) -> Decided:
    """The cells of the plain-text tables of `ctx` that can be decided table by table
    (`trigger`: the scanner's pattern for runs of digits)."""
    ctx.table_blocks()
    blocks = ctx.kind_blocks()
    text = ctx.text
    n = len(text)
    layouts: dict[tuple, _Layout] = {}
    compiled = _kernel is not None and trigger.pattern == _kernel.TRIGGER_PATTERN
    findings: list[Finding] = []  # the compiled fast path's first
    done_here: dict[int, tuple[int, int]] = {}  # the tables it did
    runs: dict[int, int] = {}  # tables split by spaces: how many runs of digits the scanner finds
    ranges: dict[int, tuple[int, int]] = {}  # the tables looked at here, their lines
    left: list[int] = []  # tables whose 考生号/学号 cells the scanner looks up (Context.cell_kinds)
    collected = 0  # tables whose lines were looked at
    for i, (start, end, _tokens, sep, misses, col_kinds) in enumerate(blocks):
        key = (sep, id(col_kinds))
        layout = layouts.get(key)
        if layout is None:
            layout = layouts[key] = _Layout(ctx, sep, col_kinds, want_id, want_school, compiled)
        if not layout.cells:
            if want_school and _SCHOOL_KINDS.intersection(col_kinds):
                left.append(i)
            continue
        # a position at or after the next table's start is that table's (Context._table_field)
        limit = min(end, blocks[i + 1][0]) if i + 1 < len(blocks) else end
        if text[limit - 1] == "\n":
            limit -= 1  # the end of its last line
        if (
            misses
            or limit <= start  # the next table starts on the same line
            or (start >= 2 and text[start - 2] in _RUN)  # a run may come in over the line break
            or (limit < n and text[limit - 1] in _RUN)  # or go out
            or (limit - start > LINE_REACH and max(map(len, text[start:limit].split("\n"))) > LINE_REACH)
        ):
            left.append(i)
            continue
        if layout.kernel is not None:
            if layout.kernel.table(text, start, limit, findings):
                done_here[i] = (start, limit)
            else:
                left.append(i)
            continue
        lines = layout.collect(text, i, start, limit)
        collected += 1
        if not sep:
            runs[i] = len(trigger.findall(text, start, limit))
        elif lines != text.count("\n", start, limit) + 1:
            left.append(i)  # a line with a run of digits elsewhere
            continue
        ranges[i] = (start, limit)
    # the cells of each group, and the tables where a cell is not taken
    groups = []
    taken: Counter = Counter()  # tables split by spaces: cells taken
    spoilt: set[int] = set()  # tables with a cell the scanner looks at further
    provinces = ctx.rules.province_codes
    for layout in layouts.values():
        for cells in layout.cells:
            matches = layout.matches[cells.pattern]
            found = list(map(_match_group, matches, repeat(cells.group)))
            if not any(found):
                continue
            starts = list(compress(map(_match_start, matches, repeat(cells.group)), found))
            owners = list(compress(layout.owners[cells.pattern], found))
            values = list(compress(found, found))
            if not layout.sep and cells.what == "school":
                # after a few digits and spaces: only when the scanner cuts those off as a piece
                before = compress(map(_match_group, matches, repeat(1)), found)
                fine = [a is None or _cut_off(a, len(v)) for a, v in zip(before, values)]
                if not all(fine):
                    values, starts, owners = (list(compress(x, fine)) for x in (values, starts, owners))
            if cells.what == "plain_id":
                valid = id_card.valid_18_all(values, provinces)
                spoilt.update(compress(owners, map(not_, valid)))  # the scanner looks further
                values, starts, owners = (list(compress(x, valid)) for x in (values, starts, owners))
                reported = values
            elif cells.what == "other_id":
                valid = [_valid_other_id(v, provinces) for v in values]
                spoilt.update(compress(owners, map(is_, valid, repeat(None))))
                kept = list(map(bool, valid))  # an x with a wrong check digit: taken, no finding
                taken.update(compress(owners, map(is_not, valid, repeat(None))))
                groups.append(
                    (cells, list(compress(starts, kept)), list(compress(values, kept)), list(compress(owners, kept)))
                )
                continue
            else:
                reported = values
            taken.update(owners)
            if cells.decision is not None or cells.what == "plain_id":
                groups.append((cells, starts, reported, owners))
    done = [i for i in ranges if i not in spoilt and (i not in runs or runs[i] == taken[i])]
    is_done = frozenset(done) if len(done) < collected else None  # None: every table looked at
    if len(done) < len(ranges):
        left += (i for i in ranges if i not in is_done)
    for cells, starts, values, owners in groups:
        if is_done is not None:
            keep = list(map(is_done.__contains__, owners))
            starts, values = list(compress(starts, keep)), list(compress(values, keep))
        if cells.what == "school":
            kind, confidence, reason = cells.decision
            ends = map(add, starts, map(len, values))
        else:
            kind, confidence, reason = "id_card", 0.98, id_card.REASON_18
            ends = map(add, starts, repeat(18))
        findings += map(
            _new,
            repeat(Finding),
            zip(repeat(kind), starts, ends, values, repeat(confidence), repeat(reason), repeat(None)),
        )
    kinds = ctx.cell_kinds(_SCHOOL_KINDS, sorted(left)) if left and want_school else {}
    done_here.update((i, ranges[i]) for i in ranges if is_done is None or i in is_done)
    return Decided(findings, [done_here[i] for i in sorted(done_here)], kinds)


def _valid_other_id(v: str, provinces) -> bool | None:
    """An 18-character cell of full-width digits or ending in an x: True for an ID number,
    False for 17 digits and an x that is none (the scanner reports nothing either), None for
    18 digits that are none (the scanner looks further)."""
    digits = ascii_digits(v)
    if digits[17] in "Xx":
        return id_card.valid_18(digits[:17] + "X", provinces)
    return True if id_card.valid_18(digits, provinces) else None


def _cut_off(digits: str, n: int) -> bool:
    """`digits` (1–5 ASCII digits), spaces and `n` digits are no whole number to the scanner
    (numbers._Scanner.grouped: no ID, mobile, card or landline length), so it cuts them off."""
    count = len(digits) + n
    return count < 16 and count not in (11, 13, 15) and not (digits[0] == "0" and count >= 10)
