"""The compiled fast path of table_cells.py (_table_cells.pyx) does the tables the regular
expressions do, with the same findings, and leaves the others to the scanner as they do."""

from __future__ import annotations

import importlib.util
import random
from itertools import product
from pathlib import Path

import pytest

from xxgk.screening import KINDS, PATTERN_KINDS, ScreeningConfig
from xxgk.screening.detectors import Context, id_card, table_cells
from xxgk.screening.detectors.numbers import TRIGGER, _Scanner
from xxgk.screening.extract import from_text

pytestmark = pytest.mark.skipif(
    table_cells._kernel is None,
    reason="the compiled kernel xxgk/screening/detectors/_table_cells.pyx is not built (the regular expressions decide)",
)

_WIDE = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")
#: Columns besides 序号 and 姓名 (the first two) and the last.
_MIDDLE = ["性别", "班级", "学院", "学号", "身份证号", "考生号", "准考证号", "证件号码", "专业", "备注"]
_CELL_COLUMNS = ("学号", "身份证号", "考生号", "准考证号", "证件号码")
_TODAY = id_card._TODAY
#: Birth dates no ID has (a 29 February of no leap year, a day no month has, before 1900) or
#: only just has.
_ODD_BIRTHS = "20000229 19000229 20040229 20010229 19981340 19980431 18991231 19980100 19000101".split()


class _Odd:
    """What is out of the ordinary in one table: one or two oddities (or none), each at a rate
    (how many of the cells or lines it touches) and, in most tables, in one of its variants
    only, so that a table odd in one way is otherwise one the fast paths would do."""

    NAMES = ("id", "school", "before", "after", "adjacent", "cells", "gaps", "ends", "lines", "long")

    def __init__(self, r: random.Random):
        self.r = r
        rate = r.choice([0.05, 0.2, 0.5, 1.0])
        self.rates = {name: rate for name in r.sample(self.NAMES, r.choice([0, 1, 1, 1, 2, 2]))}
        self.variants = {name: r.randrange(1000) if r.random() < 0.8 else None for name in self.rates}
        # as in most lists, the 考生号/学号 of one length and the classes of one shape
        self.school_length = r.choice([9, 10, 10, 12, 14, 14, 17, 20]) if r.random() < 0.7 else None
        self.class_digits = r.randint(1, 7) if r.random() < 0.7 else None

    def __contains__(self, name: str) -> bool:
        return name in self.rates

    def hit(self, name: str) -> bool:
        """Whether this cell or line has oddity `name`."""
        return name in self.rates and self.r.random() < self.rates[name]

    def pick(self, name: str, options: list):
        variant = self.variants[name]
        return self.r.choice(options) if variant is None else options[variant % len(options)]


def _id(r: random.Random, odd: _Odd) -> str:
    region = r.choice(["460100", "350581", "430400", "110105"])
    birth = f"{r.randint(1950, 2010)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
    check = None
    variant = odd.pick("id", range(9)) if odd.hit("id") else -1
    if variant == 0:
        region = r.choice(["990000", "000000", "100000", "460100"])
    elif variant == 1:  # born yesterday, today or tomorrow
        birth = type(_TODAY).fromordinal(_TODAY.toordinal() + r.choice([-1, 0, 1])).strftime("%Y%m%d")
    elif variant == 2:  # a 29 February, a day no month has, a year before 1900
        birth = r.choice(_ODD_BIRTHS)
    elif variant == 3:
        check = r.choice("0123456789X")  # a wrong check digit, often
    body = region + birth + f"{r.randint(0, 999):03d}"
    number = body + (check or id_card.check_digit(body))
    if variant == 4:  # an x, right or wrong
        number = number[:17] + r.choice("xＸｘX")
    elif variant == 5:
        number = number.translate(_WIDE)
    elif variant == 6:  # one full-width digit
        i = r.randrange(18)
        number = number[:i] + number[i].translate(_WIDE) + number[i + 1 :]
    elif variant == 7:  # a wrong check digit in full-width digits
        number = (body + r.choice("0123456789X")).translate(_WIDE)
    elif variant == 8:
        number = r.choice(
            [number[:17], number + "1", number[:17] + "a", "0" + number[1:], f"{number[:9]}-{number[9:]}"]
        )
    return number


def _school(r: random.Random, odd: _Odd) -> str:
    n = odd.school_length or r.choice([9, 10, 10, 12, 14, 14, 17, 20])
    first = r.choice("123456789")
    variant = odd.pick("school", range(5)) if odd.hit("school") else -1
    if variant == 0:
        n = r.choice([6, 7, 8, 11, 13, 15, 16, 18, 19, 21])
    elif variant == 1:
        first = r.choice("0０")
    number = first + "".join(r.choice("0123456789") for _ in range(n - 1))
    if variant == 2:
        number = number.translate(_WIDE)
    elif variant == 3:
        number = r.choice([number + "x", "A" + number, number[:5] + "." + number[5:], number[:4] + "-" + number[4:]])
    elif variant == 4:
        number = r.choice([number[:3], number[:6], number[:7]])
    return number


_CLASS_PREFIXES = [
    *("海科", "", "0", "海科0", "/", "\\", "_", "@", "#", "&", "=", "%", "A-", "１", "海科．", "海科.", "海科-"),
    *("x", "ｘ", "海科１"),
]
_CLASS_SUFFIXES = ["", "", "班", "-", "．", ".", "-.", "x"]


def _class(r: random.Random, odd: _Odd) -> str:
    """A field that comes before a cell: a class with a few digits at its end …"""
    if not odd.hit("before"):
        digits = "".join(r.choice("0123456789") for _ in range(r.randint(1, 4)))
        return r.choice(["海科" + digits, "海科" + digits, "海科", "A12", "计科１２", "—"])
    digits = "".join(r.choice("0123456789") for _ in range(odd.class_digits or r.randint(1, 7)))
    prefix, suffix = odd.pick("before", [(p, s) for p in _CLASS_PREFIXES for s in _CLASS_SUFFIXES])
    return prefix + digits + suffix if prefix + suffix else r.choice([digits, "—", "-", "..", "．"])


def _remark(r: random.Random, odd: _Odd) -> str:
    """A field that comes after a cell."""
    if odd.hit("after"):
        return odd.pick("after", "- 3 2.5 9527 ． . 1-2 １ -3 123456 1234567 x ．5".split())
    return r.choice(["二等", "一等奖", "无"])


def _cell(r: random.Random, column: str, odd: _Odd) -> str:
    if odd.hit("cells"):
        return odd.pick(
            "cells",
            ["—", "无", "84.05", "13812345678", "0898-66666666", "2023-07-06", "1234567", "-5", ".3", "．", "x", "０"],
        )
    if column in ("身份证号", "证件号码"):
        return _id(r, odd)
    if column in ("考生号", "学号", "准考证号"):
        return _school(r, odd)
    if column == "班级":
        return _class(r, odd)
    if column == "备注":
        return _remark(r, odd)
    if column == "序号":
        return str(r.randint(1, 120))
    if column == "姓名":
        return r.choice(["张三", "李四", "欧阳娜", "王伟", "赵六", "Wang", "李-四"])
    return r.choice(["水产养殖学", "英语", "管理学院", "会计学"])


_GAPS = ["  ", "\u3000", " \t", "\t ", "\t", "\xa0", " \u3000 ", "\u2003", "\x1f"]


def _line(r: random.Random, cells: list[str], sep: str, odd: _Odd) -> str:
    if sep == "\t":
        line = "\t".join(cells)
    else:
        line = cells[0] + "".join((odd.pick("gaps", _GAPS) if odd.hit("gaps") else " ") + c for c in cells[1:])
    if odd.hit("ends"):
        end = odd.pick("ends", [" ", "\t", "\r", "  ", "\u3000", "-"])
        line = end + line if r.random() < 0.5 else line + end
    return line


def _columns(r: random.Random, odd: _Odd) -> list[str]:
    middle = r.sample(_MIDDLE, r.randint(1, 4))
    if "adjacent" not in odd:  # a column of words between two of numbers, as lists have them
        for i in range(len(middle) - 1, 0, -1):
            if middle[i] in _CELL_COLUMNS and middle[i - 1] in _CELL_COLUMNS:
                middle.insert(i, "专业")
    cells = [i for i, c in enumerate(middle) if c in _CELL_COLUMNS]
    if cells and "before" in odd:  # a class right before a cell
        middle.insert(r.choice(cells), "班级")
    cells = [i for i, c in enumerate(middle) if c in _CELL_COLUMNS]
    if cells and "after" in odd:  # a remark right after one
        middle.insert(r.choice(cells) + 1, "备注")
    last = r.choice(["备注", "专业", "专业", "专业", "性别"] + (["身份证号", "学号"] if "adjacent" in odd else []))
    return ["序号", "姓名", *middle, last]


def _table(r: random.Random) -> str:
    sep = r.choice(["\t", " ", " "])
    odd = _Odd(r)
    columns = _columns(r, odd)
    lines = [sep.join(columns)]
    for _ in range(r.randint(1, 14)):
        if odd.hit("lines") and r.random() < 0.5:
            lines.append(odd.pick("lines", ["如有异议，请联系。", "", "  ", "第2页 共3页", "2023", "1234567 8"]))
            continue
        cells = [_cell(r, column, odd) for column in columns]
        if odd.hit("long") and r.random() < 0.3:  # a line longer than a table's line may be (LINE_REACH)
            cells[-1] = "说明" * 1100
        lines.append(_line(r, cells, sep, odd))
    return "\n".join(lines)


def _text(r: random.Random) -> str:
    parts = []
    for _ in range(r.randint(1, 4)):
        parts.append(
            r.choice(["关于拟录取名单的公示", "联系电话：0898-12345678", "学号2021113379。", "共计12人", "2024"])
        )
        parts.append(_table(r))
    return r.choice(["\n", "\n\n"]).join(parts) + r.choice(["", "\n", "\n2024", " 1234567"])


_CONFIGS = [
    ScreeningConfig(min_confidence=0),
    ScreeningConfig(min_confidence=0, enabled_kinds=frozenset(KINDS) - {"id_card"}),
    ScreeningConfig(min_confidence=0, enabled_kinds=frozenset(KINDS) - {"exam_number"}),
    ScreeningConfig(min_confidence=0, enabled_kinds=frozenset(KINDS) - {"student_number"}),
    ScreeningConfig(min_confidence=0, enabled_kinds=frozenset(KINDS) - {"exam_number", "student_number"}),
    ScreeningConfig(min_confidence=0, student_number_pattern=r"20\d{8}"),
]


def _both(text: str, config: ScreeningConfig, monkeypatch) -> tuple:
    """What `decide` gives with the kernel and with the regular expressions alone."""
    want_id = "id_card" in config.enabled_kinds
    want_school = not config.enabled_kinds.isdisjoint(("exam_number", "student_number"))
    compiled = table_cells.decide(Context(from_text(text), config), TRIGGER, want_id, want_school)
    with monkeypatch.context() as m:
        m.setattr(table_cells, "_kernel", None)
        regex = table_cells.decide(Context(from_text(text), config), TRIGGER, want_id, want_school)
    return compiled, regex


def test_the_kernel_does_the_tables_the_regular_expressions_do_with_the_same_findings(monkeypatch):
    r = random.Random(1414)
    done = {"\t": 0, "": 0}  # tables done, by separator
    left = wide = 0
    for round_ in range(3000):
        text = _text(r)
        config = _CONFIGS[round_ % len(_CONFIGS)]
        compiled, regex = _both(text, config, monkeypatch)
        assert compiled.done == regex.done, text
        assert sorted(compiled.findings) == sorted(regex.findings), text
        assert compiled.kinds == regex.kinds, text
        ctx = Context(from_text(text), config)
        blocks = {start: sep for start, _end, _tokens, sep, _misses in ctx.table_blocks()}
        for start, _end in regex.done:
            done[blocks[start]] += 1
        left += len(blocks) - len(regex.done)
        wide += sum(1 for f in regex.findings if not f.text.isascii())
        if round_ % 10 == 0:  # and the whole scan still finds what the scanner finds run by run
            fast = _Scanner(Context(from_text(text), config)).run()
            plain = _Scanner(Context(from_text(text), config), fast=False).run()
            assert sorted(fast) == sorted(plain), text
    # the test looked at many tables done (split by tabs and by spaces) and left, and at
    # full-width digits in cells taken
    assert done["\t"] > 600 and done[""] > 1000 and left > 4000 and wide > 5, (done, left, wide)


def _neighbour_cells(r: random.Random) -> list[str]:
    """The cells a one-line table puts in its ID or 考生号/学号 column."""
    body = "460100199801010" + f"{r.randint(0, 99):02d}"
    good = body + id_card.check_digit(body)
    x_body = next(b for b in (f"4601001998010{i:04d}" for i in range(100)) if id_card.check_digit(b) == "X")
    school = "".join(r.choice("0123456789") for _ in range(21))
    n = r.randint(6, 21)
    # a birth date or region no ID has, or one only just valid, with the right check digit
    day = type(_TODAY).fromordinal(_TODAY.toordinal() + r.choice([-1, 0, 1])).strftime("%Y%m%d")
    birth = r.choice([*_ODD_BIRTHS, day])
    odd = r.choice(["460100", "990000", "000000", "830000", "100000"]) + birth + f"{r.randint(0, 999):03d}"
    return [
        odd + id_card.check_digit(odd),
        good,
        good[:17] + str((int(good[17]) + 1) % 10) if good[17] != "X" else good[:17] + "0",
        x_body + r.choice("xXＸｘ"),
        x_body[:16] + "9" + r.choice("xX"),
        "990000" + good[6:],
        good.translate(_WIDE),
        good[:17].translate(_WIDE) + "5",
        good[:4] + "１" + good[5:],
        good[:17],
        good + "1",
        r.choice("123456789") + school[: n - 1],
        "0" + school[: n - 1],
        (r.choice("123456789") + school[: n - 1]).translate(_WIDE),
        r.choice("123456789") + school[: n - 2] + r.choice("xX-.．a"),
    ]


#: Fields next to a cell.
_FIELDS_AROUND = (
    "英语 — - . ． x １ 1 12 123456 1234567 -3 .5 ．5 a- 1- A. ｘ 1号 -a .x ．元 １人 12345678班 /1 \\".split()
)
_GAPS_AROUND = [" ", " ", " ", "  ", "\t", " \t", "\t ", "\u3000", "\xa0", " \u3000", "\x1f"]


def _one_line_tables(r: random.Random):
    """Tables of one line, a cell of an ID or 考生号/学号 column in each, with each kind of field
    and gap around it, swept one or two at a time (the others plain)."""
    lengths = (9, 10, 12, 14, 17, 20, 11)
    school = [r.choice("123456789") + "".join(r.choice("0123456789") for _ in range(n - 1)) for n in lengths]

    def table(column, before, gap_before, cell, gap_after, after, sep=" ", end=""):
        if sep == "\t":
            line = "\t".join(["1", "张三", before, cell, after]) + end
        else:
            line = "1 张三 " + before + gap_before + cell + gap_after + after + end
        return "名单\n" + sep.join(["序号", "姓名", "班级", column, "备注"]) + "\n" + line

    # the field before a cell: a class with digits at its end, cut off or not
    for prefix, count, suffix, cell in product(_CLASS_PREFIXES, range(8), _CLASS_SUFFIXES, school):
        digits = r.choice("0123456789" if r.random() < 0.7 else "0") + "".join(
            r.choice("0123456789") for _ in range(count - 1)
        )
        before = (prefix + digits[:count] + suffix) or "—"
        yield table("学号", before, " ", cell, " ", "英语")
        if count == 4 and len(cell) == 10:
            yield table("身份证号", before, " ", _neighbour_cells(r)[0], " ", "英语")
    # the gaps and the fields on each side
    befores, afters = ["英语", "海科12", "12", "海科-", "1234567"], ["英语", "1号", "-a", "．元", "x", "１人"]
    for gap_before, gap_after, before, after in product(_GAPS_AROUND, _GAPS_AROUND, befores, afters):
        yield table(r.choice(["学号", "考生号"]), before, gap_before, r.choice(school), gap_after, after)
        yield table("身份证号", before, gap_before, _neighbour_cells(r)[0], gap_after, after)
    # the cells, in tables split by spaces and by tabs
    for _ in range(60):
        for column, cell, sep in product(["学号", "考生号", "身份证号"], _neighbour_cells(r), [" ", "\t"]):
            yield table(column, r.choice(["英语", "海科2301"]), " ", cell, " ", "英语", sep)
    # the fields around a cell in a table split by tabs, and the end of its line
    for before, after, end in product(_FIELDS_AROUND, _FIELDS_AROUND, ["", " ", "1", "-", "．", "\r"]):
        column = r.choice(["学号", "考生号", "身份证号"])
        cell = _neighbour_cells(r)[0] if column == "身份证号" else r.choice(school)
        yield table(column, before, "", cell, "", after, "\t", end)


def test_the_kernel_takes_a_cell_with_the_neighbours_the_regular_expressions_take_it_with(monkeypatch):
    tables = list(_one_line_tables(random.Random(14)))
    done = 0
    for round_, i in enumerate(range(0, len(tables), 500)):
        text = "\n\n".join(tables[i : i + 500])  # a blank line ends a table
        for config in (_CONFIGS[0], _CONFIGS[1 + round_ % (len(_CONFIGS) - 1)]):
            compiled, regex = _both(text, config, monkeypatch)
            if compiled.done != regex.done or sorted(compiled.findings) != sorted(regex.findings):
                differ = set(compiled.done) ^ set(regex.done)
                differ |= {(f.start, f.end) for f in set(compiled.findings) ^ set(regex.findings)}
                starts = {text.rfind("名单", 0, start) for start, _end in differ}
                shown = [text[s : text.find("\n\n", s)] for s in sorted(starts)[:5]]
                raise AssertionError(f"{sorted(config.enabled_kinds)}, {config.student_number_pattern}: {shown}")
            assert compiled.kinds == regex.kinds
            done += len(regex.done)
    assert len(tables) > 15000 and len(tables) / 4 < done < len(tables) * 1.5, (len(tables), done)


def test_the_kernel_decides_the_bench_corpora_as_the_regular_expressions_do(monkeypatch):
    path = Path(__file__).resolve().parents[2] / "bench" / "screening.py"
    spec = importlib.util.spec_from_file_location("_bench_screening", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    config = ScreeningConfig(enabled_kinds=frozenset(PATTERN_KINDS))
    for corpus in (
        bench.Gen(bench.SEED + 1).corpus(int(1e6), lists_only=True),
        bench.Gen(bench.SEED).corpus(int(1e6)),
    ):
        text = corpus.text()
        compiled, regex = _both(text, config, monkeypatch)
        assert len(regex.done) > 20
        assert compiled.done == regex.done
        assert sorted(compiled.findings) == sorted(regex.findings)
        assert compiled.kinds == regex.kinds


def test_a_layout_of_more_columns_than_the_kernel_takes_is_decided_by_the_regular_expressions(monkeypatch):
    columns = table_cells._kernel.MAX_COLUMNS + 1
    header = "\t".join(["序号", "姓名", "身份证号"] + ["备注"] * (columns - 3))
    line = "\t".join(["1", "张三", "460100199801012514"] + ["无"] * (columns - 3))
    compiled, regex = _both(f"名单\n{header}\n{line}\n", ScreeningConfig(), monkeypatch)
    assert len(compiled.done) == 1 and [f.text for f in compiled.findings] == ["460100199801012514"]
    assert compiled == regex
