"""The ID, 考生号 and 学号 cells of plain-text tables decided table by table (table_cells.py)
give what the number scanner finds taking each run of digits on its own."""

from __future__ import annotations

import random

import pytest

from xxgk.screening import KINDS, ScreeningConfig
from xxgk.screening.detectors import Context, id_card, table_cells
from xxgk.screening.detectors.numbers import TRIGGER, _Scanner
from xxgk.screening.extract import from_text

_WIDE = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")


def _id(r: random.Random, odd: float) -> str:
    if r.random() < odd:  # a region, year or day no ID has
        body = r.choice(["460100", "990000"]) + r.choice(["1998", "1899", "2099"]) + r.choice(["0229", "1340", "0431"])
    else:
        body = r.choice(["460100", "350581", "430400", "440100"]) + r.choice(["1998", "2003", "2000"])
        body += "0229" if body.endswith("2000") and r.random() < 0.3 else r.choice(["0101", "1231", "0430"])
    body += f"{r.randint(0, 999):03d}"
    check = id_card.check_digit(body)
    x = r.random()
    if x < odd:
        check = r.choice("0123456789X")  # often a wrong check digit
    number = body + check
    if x > 1 - odd:
        number = number[:17] + r.choice("xＸｘ") if number.endswith("X") else number.translate(_WIDE)
    return number


def _school(r: random.Random, odd: float) -> str:
    n = r.choice([9, 10, 10, 12, 14, 14, 17, 20]) if r.random() > odd else r.choice([11, 8, 6, 19])
    first = r.choice("123456789" * 6 + "0") if r.random() < odd else r.choice("123456789")
    return first + "".join(r.choice("0123456789") for _ in range(n - 1))


def _cell(r: random.Random, column: str, odd: float) -> str:
    x = r.random()
    if x < odd / 3:
        return r.choice(["", "—", "无", "84.05", "13812345678", "0898-66666666", "12 3456 7890", "2023-07-06"])
    if column in ("身份证号", "证件号码"):
        return _id(r, odd) if x < 1 - odd / 3 else _school(r, odd)
    if column in ("考生号", "学号", "准考证号"):
        return _school(r, odd) if x < 1 - odd / 3 else _id(r, odd)
    if column == "班级":
        if r.random() < odd:
            return r.choice(["2301", "1-2", "/12", "海科12345", "海科02", "海科2301班"])
        return r.choice(["海科2301", "海科", "A12", "海科1", "计科１２"])
    if column == "序号":
        return str(r.randint(1, 120))
    if column == "姓名":
        return r.choice(["张三", "李四", "欧阳娜", "王　伟" if r.random() < odd else "王伟", "赵六"])
    if column == "备注":
        return (
            r.choice(["", "-", "3", "2.5", "9527", "1234567", "．"])
            if r.random() < odd
            else r.choice(["二等", "一等奖"])
        )
    return r.choice(["水产养殖学", "英语", "管理学院"])


def _table(r: random.Random) -> str:
    sep = r.choice(["\t", " ", " "])
    odd = r.choice([0, 0, 0.02, 0.1, 0.3])  # how often a cell is out of the ordinary
    columns = ["序号", "姓名"] + r.sample(["班级", "学号", "身份证号", "考生号", "准考证号", "证件号码", "专业"], 3)
    if sep == " " and not odd:  # a column of words between two of numbers, as lists have them
        columns.insert(3, "专业")
    columns.append(r.choice(["备注", "专业", "专业", "身份证号"]))
    lines = [sep.join(columns)]
    for _ in range(r.randint(1, 12)):
        x = r.random()
        if x < odd / 4:
            lines.append(r.choice(["如有异议，请联系。", "", "  ", "第2页 共3页", "2023"]))
            continue
        cells = [_cell(r, column, odd) for column in columns]
        if sep == " " and x > 0.92:  # gaps as people type them
            gaps = [r.choice([" ", "  ", "\u3000", " \t"]) for _ in cells[1:]]
            lines.append(cells[0] + "".join(g + c for g, c in zip(gaps, cells[1:])))
        else:
            lines.append(sep.join(cells))
    return "\n".join(lines)


def _text(r: random.Random) -> str:
    parts = []
    for _ in range(r.randint(1, 4)):
        parts.append(r.choice(["关于拟录取名单的公示", "联系电话：0898-12345678", "学号2021113379。", "共计 12 人"]))
        parts.append(_table(r))
    return r.choice(["\n", "\n\n"]).join(parts) + r.choice(["", "\n", "\n2024"])


_CONFIGS = [
    ScreeningConfig(min_confidence=0),
    ScreeningConfig(min_confidence=0, enabled_kinds=frozenset(KINDS) - {"id_card"}),
    ScreeningConfig(min_confidence=0, enabled_kinds=frozenset(KINDS) - {"exam_number"}),
    ScreeningConfig(min_confidence=0, enabled_kinds=frozenset(KINDS) - {"exam_number", "student_number"}),
    ScreeningConfig(min_confidence=0, student_number_pattern=r"20\d{8}"),
]


@pytest.fixture(params=["compiled", "regular expressions"])
def fast_path(request, monkeypatch):
    """Each test twice: with the compiled kernel (_table_cells.pyx), when it is built, and with
    the regular expressions alone."""
    if request.param == "compiled":
        if table_cells._kernel is None:
            pytest.skip("the compiled kernel xxgk/screening/detectors/_table_cells.pyx is not built")
    else:
        monkeypatch.setattr(table_cells, "_kernel", None)
    return request.param


def test_tables_decided_table_by_table_find_what_the_scanner_finds_run_by_run(fast_path):
    r = random.Random(14)
    tables_done = 0
    for round_ in range(1500):
        text = _text(r)
        config = _CONFIGS[round_ % len(_CONFIGS)]
        fast = _Scanner(Context(from_text(text), config))
        plain = _Scanner(Context(from_text(text), config), fast=False)
        assert sorted(fast.run()) == sorted(plain.run()), text
        tables_done += len(fast.done)
    assert tables_done > 400


def test_a_table_is_done_only_when_each_run_in_it_is_a_cell_taken(fast_path):
    good = "序号\t姓名\t身份证号\t考生号\t专业\n1\t张三\t460100199801012514\t20449721165880\t英语\n"
    ctx = Context(from_text("名单\n" + good), ScreeningConfig())
    decided = table_cells.decide(ctx, TRIGGER, True, True)
    assert [f.kind for f in decided.findings] == ["id_card", "exam_number"]
    assert len(decided.done) == 1
    # a phone in another column, or an ID with a wrong check digit: left to the scanner
    for line in ("2\t李四\t460100199801012514\t20449721165880\t13812345678", "2\t李四\t460100199801012515\t\t英语"):
        ctx = Context(from_text("名单\n" + good + line), ScreeningConfig())
        decided = table_cells.decide(ctx, TRIGGER, True, True)
        assert decided.done == [] and decided.findings == []
