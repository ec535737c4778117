# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""The compiled fast path of `table_cells.decide`: one table at a time, its lines walked once
over the string's buffer (PEP 393, read in place), the cells of its ID and 考生号/学号 columns
taken and checked on the spot, the findings made here.

`Layout.table` gives the same answer as the regular expressions of table_cells.py (`_QUIET`,
`_BEFORE`, `_BEFORE_ID`, `_AFTER`, the line pattern of a tab-separated layout) and the
checks `decide` makes after them (`id_card.valid_18`, `_valid_other_id`, `_cut_off`, runs of
digits against cells taken): True and the findings appended for a table `decide` would do,
False for one it would leave to the number scanner. tests/screening/test_table_cells_kernel.py
compares the two on generated tables. `fitting_end` is the same for the lines of a table
(`Context.table_blocks`, the pattern `context._fitting_lines`; tests/screening/
test_table_lines_kernel.py). When this module is not compiled, the regular expressions do both.

Written as a .pyx (not pure-Python-mode .py) because its whole worth is C-level reading of the
str buffer (PyUnicode_READ) and C arrays: uncompiled, such code would be far slower than the
regular expressions, so there is nothing to gain from a version that runs as Python, and an
uncompiled .pyx simply does not import (the fallback is automatic).
"""

from cpython.ref cimport Py_INCREF
from cpython.tuple cimport PyTuple_SET_ITEM
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ


cdef extern from "Python.h":
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch)

cdef extern from *:
    """
    /* An empty instance of a tuple subclass of n items, allocated as tuple.__new__ does it. */
    static PyObject *xxgk_alloc_tuple_of(PyObject *type, Py_ssize_t n) {
        return ((PyTypeObject *)type)->tp_alloc((PyTypeObject *)type, n);
    }
    """
    object xxgk_alloc_tuple_of(object type, Py_ssize_t n)


#: The pattern of runs of digits this module counts (numbers.TRIGGER): `decide` uses the
#: kernel only when the scanner's pattern is this one.
TRIGGER_PATTERN = r"[0-9０-９][0-9０-９ \-.．\n]{6,}"

# GB 11643-1999, as in id_card.py
cdef int WEIGHTS[17]
WEIGHTS[:] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
cdef Py_UCS4 CHECK[11]
for _i, _c in enumerate("10X98765432"):
    CHECK[_i] = ord(_c)
cdef int DAYS[13]
DAYS[:] = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

cdef enum:
    COLUMNS = 64  # the most columns a layout may have here
    NO_CELL = 0
    ID_CELL = 1
    SCHOOL_CELL = 2
    SCHOOL_MAX = 20  # the longest 考生号/学号 length (table_cells.SCHOOL_ONLY)
    NO_LENGTH = -1  # a length that is no cell of a 考生号/学号 column


#: The most columns a layout may have here (more: the regular expressions decide its tables).
MAX_COLUMNS = COLUMNS


cdef inline bint is_ascii_digit(Py_UCS4 c) noexcept nogil:
    return 0x30 <= c <= 0x39


cdef inline bint is_wide_digit(Py_UCS4 c) noexcept nogil:
    return 0xFF10 <= c <= 0xFF19


cdef inline bint is_digit(Py_UCS4 c) noexcept nogil:
    """[0-9０-９]"""
    return 0x30 <= c <= 0x39 or 0xFF10 <= c <= 0xFF19


cdef inline int digit_of(Py_UCS4 c) noexcept nogil:
    return <int>c - 0x30 if c <= 0x39 else <int>c - 0xFF10


cdef inline bint is_point(Py_UCS4 c) noexcept nogil:
    """[\\-.．]"""
    return c == u"-" or c == u"." or c == 0xFF0E


cdef inline bint is_x(Py_UCS4 c) noexcept nogil:
    """[XxＸｘ]"""
    return c == u"X" or c == u"x" or c == 0xFF38 or c == 0xFF58


cdef inline bint in_run(Py_UCS4 c) noexcept nogil:
    """[0-9０-９ \\-.．\\n]: what a run of digits is made of."""
    return is_digit(c) or c == u" " or c == u"\n" or is_point(c)


cdef inline bint is_code_char(Py_UCS4 c) noexcept nogil:
    """[/\\\\_@#&=%]: with [\\-.．], what may not come before the few digits cut off a cell."""
    return c == u"/" or c == u"\\" or c == u"_" or c == u"@" or c == u"#" or c == u"&" or c == u"=" or c == u"%"


cdef class Layout:
    """The columns of the tables of one layout (separator and header), and the checks each
    cell goes through (the provinces and today's date, as id_card.py has them)."""

    cdef bint tabs
    cdef Py_ssize_t ncols
    cdef signed char kind[COLUMNS]
    cdef signed char school[COLUMNS][SCHOOL_MAX + 1]  # decision index by length
    cdef list decisions  # (kind, confidence, reason) or None for no finding
    cdef unsigned char provinces[100]
    cdef long today  # YYYYMMDD
    cdef object finding
    cdef object id_kind
    cdef object id_confidence
    cdef object id_reason

    def __init__(self, bint tabs, list columns, provinces, str today, finding, str id_reason):
        """`columns`: for each column None (no cell), "id_card", or {length: decision} for a
        考生号/学号 column (decision: (kind, confidence, reason), None for no finding);
        `provinces`: the region codes (id_card's `provinces`); `today`: "YYYYMMDD";
        `finding`: the Finding type (a tuple subclass)."""
        cdef Py_ssize_t c, n
        if len(columns) > COLUMNS:
            raise ValueError("too many columns")
        if not (isinstance(finding, type) and issubclass(finding, tuple)) or finding.__basicsize__ != tuple.__basicsize__:
            raise TypeError("the finding type must be a plain tuple subclass")
        self.tabs = tabs
        self.ncols = len(columns)
        self.decisions = []
        for c in range(COLUMNS):
            self.kind[c] = NO_CELL
            for n in range(SCHOOL_MAX + 1):
                self.school[c][n] = NO_LENGTH
        for c, column in enumerate(columns):
            if column is None:
                continue
            if column == "id_card":
                self.kind[c] = ID_CELL
                continue
            self.kind[c] = SCHOOL_CELL
            for n, decision in column.items():
                if not 1 <= n <= SCHOOL_MAX:
                    raise ValueError("a 考生号/学号 length out of range")
                if decision not in self.decisions:
                    self.decisions.append(decision)
                self.school[c][n] = self.decisions.index(decision)
        for n in range(100):
            self.provinces[n] = f"{n:02d}" in provinces
        if len(today) != 8 or not today.isascii() or not today.isdigit():
            raise ValueError("today must be YYYYMMDD")
        self.today = int(today)
        self.finding = finding
        self.id_kind = "id_card"
        self.id_confidence = 0.98
        self.id_reason = id_reason

    # -- the findings ---------------------------------------------------------------------
    cdef int add(self, list out, str text, Py_ssize_t s, Py_ssize_t e, object decision) except -1:
        """A Finding of text[s:e]: an ID when `decision` is None, else (kind, confidence, reason)."""
        cdef object kind, confidence, reason, f
        cdef object start = s
        cdef object end = e
        cdef object value = text[s:e]
        if decision is None:
            kind, confidence, reason = self.id_kind, self.id_confidence, self.id_reason
        else:
            kind, confidence, reason = decision
        f = xxgk_alloc_tuple_of(self.finding, 7)  # filled before anything else runs
        Py_INCREF(kind)
        PyTuple_SET_ITEM(f, 0, kind)
        Py_INCREF(start)
        PyTuple_SET_ITEM(f, 1, start)
        Py_INCREF(end)
        PyTuple_SET_ITEM(f, 2, end)
        Py_INCREF(value)
        PyTuple_SET_ITEM(f, 3, value)
        Py_INCREF(confidence)
        PyTuple_SET_ITEM(f, 4, confidence)
        Py_INCREF(reason)
        PyTuple_SET_ITEM(f, 5, reason)
        Py_INCREF(None)
        PyTuple_SET_ITEM(f, 6, None)
        out.append(f)
        return 0

    # -- an ID ----------------------------------------------------------------------------
    cdef int id_check(self, int kind, void *data, Py_ssize_t s) noexcept:
        """For 18 characters at `s`, [0-9０-９]{17} and a digit or an x: 1 when an ID
        (region, birth date, check digit), 0 when the check digit is another digit, the
        region or birth date no ID's, or the last character an x that is no check digit
        (id_card.valid_18 of the characters in ASCII, an x read as X)."""
        cdef int d[17]
        cdef int i, total = 0, year, month, day
        cdef Py_UCS4 last
        for i in range(17):
            d[i] = digit_of(PyUnicode_READ(kind, data, s + i))
            total += d[i] * WEIGHTS[i]
        if not self.provinces[d[0] * 10 + d[1]]:
            return 0
        year = d[6] * 1000 + d[7] * 100 + d[8] * 10 + d[9]
        month = d[10] * 10 + d[11]
        day = d[12] * 10 + d[13]
        if year < 1900 or not 1 <= month <= 12 or not 1 <= day <= DAYS[month]:
            return 0
        if year * 10000 + month * 100 + day > self.today:
            return 0
        if month == 2 and day == 29 and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
            return 0
        last = PyUnicode_READ(kind, data, s + 17)
        if is_x(last):
            return CHECK[total % 11] == u"X"
        return CHECK[total % 11] == <Py_UCS4>(0x30 + digit_of(last))

    cdef int id_cell(self, int kind, void *data, Py_ssize_t s, Py_ssize_t e) noexcept:
        """The shape of a field text[s:e] of an ID column: 0 none, 1 18 ASCII digits
        (`_PLAIN_ID`), 2 full-width digits or an x (`_OTHER_ID`)."""
        cdef Py_ssize_t i
        cdef Py_UCS4 c
        cdef bint plain = True
        if e - s != 18:
            return 0
        for i in range(s, s + 17):
            c = PyUnicode_READ(kind, data, i)
            if not is_ascii_digit(c):
                if not is_wide_digit(c):
                    return 0
                plain = False
        c = PyUnicode_READ(kind, data, s + 17)
        if is_ascii_digit(c):
            return 1 if plain else 2
        return 2 if is_wide_digit(c) or is_x(c) else 0

    cdef int school_cell(self, Py_ssize_t column, int kind, void *data, Py_ssize_t s, Py_ssize_t e) noexcept:
        """The decision index of a field text[s:e] of a 考生号/学号 column: ASCII digits, no
        leading 0, a length the column takes; -1 for none."""
        cdef Py_ssize_t i, n = e - s
        cdef Py_UCS4 c
        if n > SCHOOL_MAX or self.school[column][n] == NO_LENGTH:
            return -1
        if PyUnicode_READ(kind, data, s) == u"0":
            return -1
        for i in range(s, e):
            c = PyUnicode_READ(kind, data, i)
            if not is_ascii_digit(c):
                return -1
        return self.school[column][n]

    # -- a table ----------------------------------------------------------------------------
    def table(self, str text not None, Py_ssize_t start, Py_ssize_t limit, list out not None):
        """True, and the findings of its cells appended to `out`, when `decide` would do the
        table whose lines are text[start:limit] (`start` just after a line break, `limit` at
        a line's end); False, and `out` as it was, when it would leave it to the scanner."""
        if start < 1 or limit > len(text) or start >= limit:
            return False
        cdef Py_ssize_t before = len(out)
        cdef bint done
        if self.tabs:
            done = self.tab_lines(text, start, limit, out)
        else:
            done = self.space_lines(text, start, limit, out)
        if not done:
            del out[before:]
        return done

    cdef bint tab_lines(self, str text, Py_ssize_t start, Py_ssize_t limit, list out) except -1:
        """Each line: as many fields as the header, each a cell of its column or a field with
        no run of digits in it (`_QUIET`), the last character no number character; each ID an
        ID (an x with a wrong check digit: no finding)."""
        cdef int kind = PyUnicode_KIND(text)
        cdef void *data = PyUnicode_DATA(text)
        cdef Py_ssize_t pos = start, fs, i, column, n
        cdef Py_UCS4 c
        cdef int shape, valid, which
        cdef bint digits
        while pos <= limit:
            # a line from `pos`, field by field
            column = 0
            fs = pos
            digits = False
            i = pos
            while True:
                c = PyUnicode_READ(kind, data, i) if i < limit else u"\n"
                if c == u"\t" or c == u"\n":
                    n = i - fs
                    if column >= self.ncols:
                        return False
                    if self.kind[column] == ID_CELL and c == u"\t":
                        shape = self.id_cell(kind, data, fs, i)
                        if shape:
                            valid = self.id_check(kind, data, fs)
                            if valid:
                                self.add(out, text, fs, i, None)
                            elif shape == 1 or not is_x(PyUnicode_READ(kind, data, fs + 17)):
                                return False  # the scanner looks further
                            digits = False
                    elif self.kind[column] == SCHOOL_CELL and c == u"\t":
                        which = self.school_cell(column, kind, data, fs, i)
                        if which >= 0:
                            if self.decisions[which] is not None:
                                self.add(out, text, fs, i, self.decisions[which])
                            digits = False
                    if digits and n > 6:
                        return False  # a run of digits the scanner would look at
                    column += 1
                    if c == u"\n":
                        break
                    fs = i + 1
                    digits = False
                elif is_digit(c):
                    digits = True
                i += 1
            if column != self.ncols:
                return False
            if i > pos:
                c = PyUnicode_READ(kind, data, i - 1)
                if is_digit(c) or c == u" " or is_point(c):
                    return False
            pos = i + 1
        return True

    cdef bint space_lines(self, str text, Py_ssize_t start, Py_ssize_t limit, list out) except -1:
        """Each cell of an ID or 考生号/学号 column with the right neighbours (`_BEFORE`,
        `_BEFORE_ID`, `_AFTER`) is taken (a few digits before it only when the scanner cuts
        them off, `_cut_off`); the table is done when each ID is one (an x with a wrong check
        digit: no finding) and the scanner's runs of digits in its lines are as many as the
        cells taken."""
        cdef int kind = PyUnicode_KIND(text)
        cdef void *data = PyUnicode_DATA(text)
        cdef Py_ssize_t fs[COLUMNS + 1]
        cdef Py_ssize_t fe[COLUMNS + 1]
        cdef Py_ssize_t pos = start, i, le, nf, column, j, k, cut, taken = 0, runs = 0
        cdef Py_UCS4 c
        cdef int shape, which, count
        cdef bint in_field, spaces_only
        while pos <= limit:
            # the fields of the line from `pos`
            nf = 0
            in_field = False
            i = pos
            while True:
                c = PyUnicode_READ(kind, data, i) if i < limit else u"\n"
                if c == u"\n":
                    break
                if Py_UNICODE_ISSPACE(c):
                    if in_field:
                        fe[nf] = i
                        nf += 1
                        in_field = False
                elif not in_field:
                    if nf >= self.ncols:
                        return False
                    fs[nf] = i
                    in_field = True
                i += 1
            if in_field:
                fe[nf] = i
                nf += 1
            le = i
            if nf != self.ncols:
                return False
            for column in range(1, self.ncols - 1):
                if self.kind[column] == NO_CELL:
                    continue
                # before the cell: a gap with more than spaces in it, or spaces after a field
                # ending in no digit (the points at its end aside) or, before a 考生号/学号,
                # in 1–5 ASCII digits after a character that is no code character
                cut = 0
                spaces_only = True
                for j in range(fe[column - 1], fs[column]):
                    if PyUnicode_READ(kind, data, j) != u" ":
                        spaces_only = False
                        break
                if spaces_only:
                    j = fe[column - 1]
                    while j > fs[column - 1] and is_ascii_digit(PyUnicode_READ(kind, data, j - 1)):
                        j -= 1
                    cut = fe[column - 1] - j
                    if cut:
                        if self.kind[column] != SCHOOL_CELL or cut > 5 or j == fs[column - 1]:
                            continue
                        c = PyUnicode_READ(kind, data, j - 1)
                        if is_wide_digit(c) or is_point(c) or is_code_char(c):
                            continue
                    else:
                        while j > fs[column - 1] and is_point(PyUnicode_READ(kind, data, j - 1)):
                            j -= 1
                        if j > fs[column - 1] and is_digit(PyUnicode_READ(kind, data, j - 1)):
                            continue
                # after it: a gap with more than spaces in it, or spaces and a field starting
                # with no digit or point
                spaces_only = True
                for j in range(fe[column], fs[column + 1]):
                    if PyUnicode_READ(kind, data, j) != u" ":
                        spaces_only = False
                        break
                if spaces_only:
                    c = PyUnicode_READ(kind, data, fs[column + 1])
                    if is_digit(c) or is_point(c):
                        continue
                if self.kind[column] == ID_CELL:
                    shape = self.id_cell(kind, data, fs[column], fe[column])
                    if not shape:
                        continue
                    if self.id_check(kind, data, fs[column]):
                        self.add(out, text, fs[column], fe[column], None)
                    elif shape == 1 or not is_x(PyUnicode_READ(kind, data, fs[column] + 17)):
                        return False  # the scanner looks further
                    taken += 1
                else:
                    which = self.school_cell(column, kind, data, fs[column], fe[column])
                    if which < 0:
                        continue
                    if cut:
                        # a number of the scanner's whole-number lengths, or a leading 0
                        # and 10 digits or more: not cut off (`_cut_off`)
                        count = <int>(cut + fe[column] - fs[column])
                        if count >= 16 or count == 11 or count == 13 or count == 15:
                            continue
                        if count >= 10 and PyUnicode_READ(kind, data, fe[column - 1] - cut) == u"0":
                            continue
                    if self.decisions[which] is not None:
                        self.add(out, text, fs[column], fe[column], self.decisions[which])
                    taken += 1
            pos = le + 1
        # the runs of digits the scanner finds in the lines (numbers.TRIGGER)
        i = start
        while i < limit:
            if is_digit(PyUnicode_READ(kind, data, i)):
                k = i + 1
                while k < limit and in_run(PyUnicode_READ(kind, data, k)):
                    k += 1
                if k - i >= 7:
                    runs += 1
                    if runs > taken:
                        return False
                i = k
            else:
                i += 1
        return runs == taken


# -- the lines of a table ---------------------------------------------------------------------
def fitting_end(str text not None, Py_ssize_t pos, bint tabs, Py_ssize_t separators):
    """`context._fitting_lines(sep, separators).match(text, pos).end()`: the end of the lines in a
    row from `pos` (a line's start) that have `separators` + 1 fields (split by tabs, not blank,
    when `tabs`; else by runs of white space), each with its line break (the last may end the
    text)."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = len(text), i, count
    cdef Py_UCS4 c
    cdef bint blank, in_field
    if pos < 0 or pos > n:
        raise IndexError("pos out of range")
    while pos < n:
        count = 0
        i = pos
        if tabs:
            blank = True
            while i < n:
                c = PyUnicode_READ(kind, data, i)
                if c == u"\n":
                    break
                if c == u"\t":
                    count += 1
                    if count > separators:
                        return pos
                elif blank and not Py_UNICODE_ISSPACE(c):
                    blank = False
                i += 1
            if blank or count != separators:
                return pos
        else:
            in_field = False
            while i < n:
                c = PyUnicode_READ(kind, data, i)
                if c == u"\n":
                    break
                if Py_UNICODE_ISSPACE(c):
                    in_field = False
                elif not in_field:
                    in_field = True
                    count += 1
                    if count > separators + 1:
                        return pos
                i += 1
            if count != separators + 1:
                return pos
        pos = i + 1 if i < n else n  # after the line break, or at the end of the text
    return pos
