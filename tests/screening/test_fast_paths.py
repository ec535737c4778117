"""The shortcuts taken for speed give the same answers as the plain versions."""

from __future__ import annotations

import datetime as dt
import random
import re

from xxgk.screening import ScreeningConfig, load_rules
from xxgk.screening.detectors import Context, address, bank_card, email, id_card, numbers, phones, secret
from xxgk.screening.detectors.context import LINE_REACH, ascii_digits
from xxgk.screening.extract import from_text
from xxgk.screening.findings import PRIORITY, Finding, resolve_overlaps
from xxgk.screening.rules import HEADER_HINTS, _alternation, _grouped_alternation


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


def test_email_addresses_found_from_their_at_are_the_pattern_matches_of_the_window():
    r = random.Random(8)
    pieces = ["ab", "1", ".", "-", "_", "%", "+", "@", "＠", " ", "\u3000", "[at]", "(AT)", "（at）", "【At】"]
    pieces += ["[ at ]", "( at)", "中", ".cn", "q.com", "x@y.cn", "（", "["]
    for _ in range(20000):
        text = "".join(r.choice(pieces) for _ in range(r.randint(1, 16)))
        i = r.randint(0, len(text))
        j = r.randint(i, len(text))
        assert list(email.addresses(text, i, j)) == [m.span() for m in email.EMAIL_RE.finditer(text, i, j)], text


def test_sentence_ends_found_in_one_translated_slice_are_the_nearest_of_each():
    def plain(text, s, e, reach):
        lo, hi = max(0, s - reach), min(len(text), e + reach)
        start = max(text.rfind(c, lo, s) for c in "。！？；\n") + 1 or lo
        ends = [i for i in (text.find(c, e, hi) for c in "。！？；\n") if i >= 0]
        return text[max(start, lo) : min(ends) if ends else hi]

    r = random.Random(9)
    for _ in range(20000):
        text = "".join(r.choice("ab。！？；\n中文") for _ in range(r.randint(0, 30)))
        s = r.randint(0, len(text))
        e = r.randint(s, len(text))
        reach = r.randint(0, 12)
        assert secret._sentence(text, s, e, reach) == plain(text, s, e, reach)


def test_luhn_sums_added_as_bytes_agree_with_the_digit_by_digit_check():
    def plain(digits):
        total = 0
        for i, ch in enumerate(reversed(digits)):
            d = ord(ch) - 48
            if i % 2:
                d = d * 2 - 9 if d > 4 else d * 2
            total += d
        return total % 10 == 0

    r = random.Random(10)
    for _ in range(20000):
        digits = "".join(r.choice("0123456789") for _ in range(r.randint(1, 25)))
        assert bank_card.luhn_ok(digits) == plain(digits), digits


def test_header_lines_looked_up_once_per_line_are_the_same():
    def plain(ctx):
        """Context._headers as it was: the line of every hint word looked up."""
        headers, last_line, seen = [], -1, {}
        for start, _end, word in ctx.keyword_hits():
            if word not in HEADER_HINTS:
                continue
            ls, le = ctx.line_bounds(start)
            if ls == last_line:
                continue
            last_line = ls
            line = ctx.text[ls:le]
            if len(line) > 300:
                continue
            if line not in seen:
                seen[line] = ctx._header_fields(line)
            if seen[line] is not None:
                headers.append((ls, *seen[line]))
        return headers

    r = random.Random(11)
    words = ["姓名", "学号", "身份证号", "考生号", "\t", " ", "\n", "x" * 150, "y" * 2500, "专业", "1"]
    config = ScreeningConfig()
    found = 0
    for _ in range(2000):
        text = "".join(r.choice(words) for _ in range(r.randint(1, 30)))
        want = plain(Context(from_text(text), config))
        assert Context(from_text(text), config)._headers() == want, text
        found += bool(want)
    assert found > 150


class _PlainJoin(numbers._Scanner):
    """The number scanner with the line-break joins as they were, tried one by one."""

    def lines(self, s, token):
        parts = token.split("\n")
        starts, pos = [], s
        for p in parts:
            starts.append(pos)
            pos += len(p) + 1
        done = s
        for i, p in enumerate(parts):
            ps = starts[i]
            a = max(done, ps)
            b = ps + len(p)
            joined = None
            if i + 1 < len(parts) and b > a and parts[i + 1]:
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

    def join(self, a, b, c, right):
        left = self.text[a:b]
        m, h = numbers._TAIL.search(left), numbers._HEAD.match(right)
        if m is None or h is None:
            return None
        plain_left = left[len(left.rstrip(numbers._DIGIT_STR)) :]
        plain_right = right[: len(right) - len(right.lstrip(numbers._DIGIT_STR))]
        tried = set()
        for lpart, rpart in ((plain_left, plain_right), (m.group(), h.group())):
            if not lpart or not rpart or (lpart, rpart) in tried:
                continue
            tried.add((lpart, rpart))
            span = self.joined_value(b - len(lpart), b, c + len(rpart), lpart, rpart)
            if span is not None:
                return span
        return None

    def joined_value(self, js, b, je, lpart, rpart):
        text, ctx = self.text, self.ctx
        before = text[js - 1] if js else ""
        if before in numbers._BAD_BEFORE or before in numbers._LETTERS or before in numbers._DIGITS:
            return None
        line_start = text.rfind("\n", 0, js) + 1
        if sum(ch in numbers._DIGITS for ch in lpart) <= 4 and not text[line_start:js].strip():
            return None
        norm = ascii_digits(lpart + " " + rpart).replace("．", ".")
        digits = norm.replace(" ", "").replace("-", "").replace(".", "")
        n = len(digits)
        after = text[je] if je < self.n else ""
        if n == 17 and after in numbers._X:
            je += 1
            digits += "X"
            n = 18
            after = text[je] if je < self.n else ""
        if after in numbers._NOT_AFTER or (after in ".．" and text[je + 1 : je + 2].isdigit()):
            return None
        plain = lpart.isdigit() and rpart.isdigit()
        finding = None
        if n == 18 and self.want_id:
            finding = id_card.judge(ctx, js, je, digits)
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


def test_values_split_by_a_line_break_are_joined_as_they_were():
    r = random.Random(12)
    ids = ["460100199801012514", "44010020000229301X", "35058120031231000x"]
    values = [*ids, "13812345678", "6222021234567890128", "4367421133029552758", "20449721165880", "12345"]
    labels = ["身份证号：", "手机", "银行卡号", "第", "页", "订单号", "x", "/", " ", "\n", "", "，"]
    config = ScreeningConfig(min_confidence=0)
    tried = 0
    for _ in range(3000):
        parts = []
        for _ in range(r.randint(1, 4)):
            value = r.choice(values)
            if r.random() < 0.3:
                value = " ".join(value[i : i + 4] for i in range(0, len(value), 4))
            if r.random() < 0.2:
                value = value.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
            cut = r.randint(0, len(value))
            value = value[:cut] + r.choice(["\n", "\n", "\n\n", "-\n", "\n "]) + value[cut:]
            parts.append(r.choice(labels) + value + r.choice(["", "，", "号", ".5", "X", "a", "\n3"]))
        text = "".join(parts)
        fast = numbers._Scanner(Context(from_text(text), config)).run()
        plain = _PlainJoin(Context(from_text(text), config), fast=False).run()
        assert sorted(fast) == sorted(plain), text
        tried += "\n" in text
    assert tried > 2000


def test_address_anchors_found_by_the_keyword_pass_are_the_pattern_matches():
    rules = load_rules()
    config = ScreeningConfig()
    pieces = ["路", "街", "胡同", "大道", "大", "道", "社区", "小区", "区", "新村", "村", "家园", "园", "花园", "大厦"]
    pieces += ["公寓", "宿舍", "镇", "里", "12", "３", "五", "号", "栋", "室", "单元", "-", "1203", "家庭住址", "姓名"]
    pieces += ["，", "\n", "中", "@", "号楼", "12", "7", "号", "栋"]
    r = random.Random(13)
    found = 0
    for _ in range(20000):
        text = "".join(r.choice(pieces) for _ in range(r.randint(1, 14)))
        ctx = Context(from_text(text), config)
        hits = ctx.keyword_hits()
        assert ctx.place_hits
        places = [s for s, _e, word in hits if word in address.PLACE_ENDS]
        want = [m.span() for m in address.ANCHOR_RE.finditer(text)]
        assert [m.span() for m in address._anchors(text, places)] == want, text
        # the other hits are those of the keyword pass alone
        assert [h for h in hits if h[2] not in address.PLACE_ENDS] == [
            (m.start(), m.end(), m.group()) for m in rules.keyword_re.finditer(text)
        ], text
        found += bool(want)
    assert found > 1000


def test_amounts_told_by_the_character_after_the_number_as_by_the_units():
    config = ScreeningConfig()
    rules = load_rules()

    def plain(ctx, start, end):
        text = ctx.text
        after = text[end : end + 4].lstrip()
        if after.startswith(rules.amount_units) or (after[:1] in (".", "．") and after[1:2].isdigit()):
            return True
        return text[max(start - 2, 0) : start].endswith(("¥", "￥", "$", ".", "．"))

    pieces = ["12345678", " ", "\u3000", "元", "万元", "人", "平方米", ".", "．", "5", "¥", "$", "，", "号", "\t", "a"]
    r = random.Random(14)
    for _ in range(20000):
        text = "".join(r.choice(pieces) for _ in range(r.randint(1, 8)))
        ctx = Context(from_text(text), config)
        start = r.randint(0, len(text))
        end = r.randint(start, len(text))
        assert ctx.is_amount(start, end) == plain(ctx, start, end), (text, start, end)
