"""The shortcuts taken for speed give the same answers as the plain versions."""

from __future__ import annotations

import datetime as dt
import random
import re

from xxgk.screening import ScreeningConfig, load_rules
from xxgk.screening.detectors import Context, email, id_card
from xxgk.screening.detectors.context import LINE_REACH
from xxgk.screening.extract import from_text
from xxgk.screening.findings import PRIORITY, Finding, resolve_overlaps
from xxgk.screening.rules import _alternation, _grouped_alternation


def test_check_digit_in_base_13_agrees_with_the_weighted_sum():
    r = random.Random(1)
    for _ in range(5000):
        body = "".join(r.choice("0123456789") for _ in range(17))
        assert id_card._check_digit17(body) == id_card.check_digit(body)


def test_birth_date_by_strings_agrees_with_plausible_birth():
    today = id_card._TODAY
    years = [1899, 1900, 1996, 2000, 2001, 2100, today.year, today.year + 1]
    for year in years:
        for month in range(0, 14):
            for day in (0, 1, 28, 29, 30, 31, 32):
                ymd = f"{year:04d}{month:02d}{day:02d}"
                assert id_card._birth_ok(ymd) == id_card.plausible_birth(year, month, day), ymd
    tomorrow = today + dt.timedelta(days=1)
    assert not id_card._birth_ok(tomorrow.strftime("%Y%m%d"))
    assert id_card._birth_ok(today.strftime("%Y%m%d"))


def test_keyword_pass_grouped_by_first_character_finds_the_same_words():
    rules = load_rules()
    words = list(rules.label_kind) + list(rules.secret_markers) + ["@", "★", "现住", "现住址"]
    flat = re.compile(_alternation(words))
    grouped = re.compile(_grouped_alternation(words))
    alphabet = "".join(sorted(set("".join(words)))) + "，。 12"
    r = random.Random(2)
    for _ in range(3000):
        text = "".join(r.choice(alphabet) for _ in range(r.randint(1, 30)))
        assert [m.span() for m in flat.finditer(text)] == [m.span() for m in grouped.finditer(text)]
    text = "姓名、身份证号码、现住址：…内部资料，注意保密"
    assert [m.group() for m in grouped.finditer(text)] == [m.group() for m in flat.finditer(text)]


def test_email_pattern_with_the_look_behind_after_the_first_character_is_unchanged():
    before = re.compile(
        r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*[@＠][A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
        r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![A-Za-z0-9\-])"
    )
    r = random.Random(3)
    for _ in range(5000):
        text = "".join(r.choice("ab1.-_@＠中 .cn") for _ in range(r.randint(1, 16)))
        i = r.randint(0, len(text))
        j = r.randint(i, len(text))
        assert [m.span() for m in before.finditer(text, i, j)] == [
            m.span() for m in email.EMAIL_RE.finditer(text, i, j)
        ]


def test_email_local_part_without_backtracking_finds_the_same_addresses():
    backtracking = re.compile(email.EMAIL_RE.pattern.replace("[A-Za-z0-9._%+\\-]*+", "[A-Za-z0-9._%+\\-]*", 1))
    assert backtracking.pattern != email.EMAIL_RE.pattern
    r = random.Random(4)
    pieces = [
        "ab",
        "1",
        ".",
        "-",
        "_",
        "@",
        "＠",
        " ",
        "[at]",
        "(AT)",
        "（at）",
        "【At】",
        "中",
        ".cn",
        "q.com",
        "\u3000",
    ]
    for _ in range(5000):
        text = "".join(r.choice(pieces) for _ in range(r.randint(1, 14)))
        i = r.randint(0, len(text))
        j = r.randint(i, len(text))
        assert [m.span() for m in backtracking.finditer(text, i, j)] == [
            m.span() for m in email.EMAIL_RE.finditer(text, i, j)
        ], text


def _plain_resolve(findings):
    """Overlaps settled over the whole list at once (the plain version)."""
    ranked = sorted(findings, key=lambda f: (-f.confidence, -(f.end - f.start), PRIORITY.get(f.kind, 99), f.start))
    kept = []
    for f in ranked:
        if not any(f.start < k.end and k.start < f.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end))


def test_overlaps_settled_group_by_group_as_over_the_whole_list():
    r = random.Random(5)
    kinds = [*PRIORITY, "other"]
    for _ in range(5000):
        findings = []
        for _ in range(r.randint(0, 12)):
            s = r.randint(0, 60)
            e = s + r.randint(1, 15)
            findings.append(Finding(r.choice(kinds), s, e, "x", r.choice((0.3, 0.5, 0.9, 0.95)), r.choice("ab")))
        assert resolve_overlaps(findings) == _plain_resolve(findings)


def _plain_table_lines(text: str, header_end: int, sep: str, want: int) -> set[int]:
    """The starts of the lines under a header line that have as many fields as it, one
    line at a time (the plain version of Context.table_blocks's walk)."""
    good, pos, misses, n = set(), header_end, 0, len(text)
    while 0 <= pos < n and misses < 3:
        ls = pos + 1
        le = text.find("\n", ls, ls + LINE_REACH)
        if le < 0:
            le = min(n, ls + LINE_REACH)
        line = text[ls:le]
        if not line or line.isspace():
            break
        fits = line.count("\t") + 1 == want if sep else len(line.split()) == want
        if fits:
            good.add(ls)
            misses = 0
        else:
            misses += 1
        pos = le if le < n else -1
    return good


def test_table_lines_matched_in_runs_are_the_lines_that_fit_one_by_one():
    r = random.Random(6)
    config = ScreeningConfig()
    cells = ["1", "张三", "2021010105", " ", "", "\u3000", "a b", "\x1c"]
    tried = 0
    for _ in range(400):
        sep = r.choice(["\t", " "])
        lines = [sep.join(["序号", "姓名", "学号", "身份证号"])]
        for _ in range(r.randint(1, 30)):
            x = r.random()
            if x < 0.75:
                lines.append(sep.join(r.choice(cells) for _ in range(r.choice((3, 4, 4, 4, 5)))))
            elif x < 0.8:
                lines.append(r.choice(["", " \t "]))
            else:  # longer than LINE_REACH, some of them with as many fields as the header
                lines.append(
                    sep.join("x" * r.randint(0, 900) for _ in range(r.choice((3, 4)))) + "y" * r.choice((1500, 6500))
                )
        text = "\n".join(lines) + r.choice(["", "\n"])
        ctx = Context(from_text(text), config)
        blocks = ctx.table_blocks()
        want = _plain_table_lines(text, text.index("\n") if "\n" in text else -1, "\t" if sep == "\t" else "", 4)
        line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        got = set()
        for start, end, _tokens, _sep, misses in blocks:
            got |= {ls for ls in line_starts if start <= ls <= end and ls not in misses}
        real_want = {ls for ls in want if ls in line_starts}
        assert got == real_want, text
        tried += bool(real_want)
    assert tried > 100
