"""The compiled walk over a table's lines (_table_cells.pyx `fitting_end`) ends where the pattern
of fitting lines (context._fitting_lines) ends, so the plain-text tables found are the same."""

from __future__ import annotations

import random

import pytest

from xxgk.screening import ScreeningConfig
from xxgk.screening.detectors import Context, context
from xxgk.screening.extract import from_text

pytestmark = pytest.mark.skipif(
    context._fitting_end is None,
    reason="the compiled kernel xxgk/screening/detectors/_table_cells.pyx is not built (the pattern finds the lines)",
)

#: What lines are made of: words, digits, and every kind of white space (tabs, ideographic
#: spaces, no-break spaces, the separators \x1c–\x1f, carriage returns, line separators).
_PIECES = ["张三", "x", "12", " ", " ", "  ", "\t", "\t", "\u3000", "\xa0", "\x1f", "\r", "\u2028", "\x85", "—"]


def _line(r: random.Random) -> str:
    return "".join(r.choice(_PIECES) for _ in range(r.randint(0, 9)))


def test_the_compiled_walk_ends_where_the_pattern_of_fitting_lines_ends():
    r = random.Random(14)
    longest = 0
    for _ in range(20000):
        lines = [_line(r) for _ in range(r.randint(1, 6))]
        text = "\n".join(lines) + r.choice(["", "\n", "\n\n"])
        pos = r.choice([0, 0, r.randint(0, len(text))])
        if pos and text[pos - 1] != "\n":
            pos = text.rfind("\n", 0, pos) + 1  # a line's start, as table_blocks asks
        for sep in ("\t", ""):
            separators = r.randint(0, 4)
            expected = context._fitting_lines(sep, separators).match(text, pos).end()
            assert context._fitting_end(text, pos, bool(sep), separators) == expected, (text, pos, sep, separators)
            longest = max(longest, text.count("\n", pos, expected))
    assert longest >= 4  # runs of several fitting lines were among them


def test_the_tables_found_with_the_compiled_walk_are_those_the_pattern_finds(monkeypatch):
    r = random.Random(1414)
    found = 0
    rows = [
        "1\t张三\t英语",
        "2 李四 英语",
        "3\u3000王五\u3000会计学",
        " 4  赵六 \t管理学院 ",
        "",
        "说明",
        "5\t\t",
        "6 7 8 9",
    ]
    for _ in range(300):
        text = "\n".join(
            r.choice(["序号\t姓名\t专业", "序号 姓名 专业", "关于名单的公示", *rows]) for _ in range(r.randint(5, 40))
        )
        compiled = Context(from_text(text), ScreeningConfig())
        with monkeypatch.context() as m:
            m.setattr(context, "_fitting_end", None)
            plain = Context(from_text(text), ScreeningConfig())
            assert compiled.table_blocks() == plain.table_blocks(), text
        found += len(plain.table_blocks())
    assert found > 600, found
