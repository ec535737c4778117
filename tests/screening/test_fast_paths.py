"""The shortcuts taken for speed give the same answers as the plain versions."""

from __future__ import annotations

import datetime as dt
import random
import re

from xxgk.screening import load_rules
from xxgk.screening.detectors import email, id_card
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
