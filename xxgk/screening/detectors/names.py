"""Personal names, where the context makes them private.

A name is reported when
- it sits in a 姓名 column (docx/xlsx table, or a plain-text table under a header line);
- it shares a table row or a line with an identifier (ID card, 考生号, 学号, phone, bank
  card, passport): the lists of 专升本 / 第二学士学位 admissions, aid lists;
- the document is about discipline, financial aid or health, and the sentence marks
  the person ("给予张三同学留校察看处分", "张三，男，…", "学生张三（学号…）").
Names elsewhere — "校长李明出席会议" in a news item — are public and not reported; a
name right after or before a title (校长、书记、教授 …) never is. A 姓名 column in a
list whose other columns are posts (拟任职务、拟聘岗位 — 干部任前公示, 招聘拟聘用名单,
where the names are what is being made public) scores 0.45, under the default threshold.

Names are recognised with jieba: its segmentation (whose HMM finds names that are not
in the dictionary), its dictionary's part-of-speech tags (a word tagged nr is a name, a
word tagged otherwise — 高峰, 金额 — is not, unless a 姓名 column says so), and a list
of Chinese surnames (rules.json).
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from ..findings import Finding
from .context import Context

KINDS = ("person_name",)

_IDENTIFIERS = {"id_card", "exam_number", "student_number", "mobile", "bank_card", "passport"}
_HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_MINORITY = re.compile(r"[\u4e00-\u9fff]{1,8}(?:[·•・][\u4e00-\u9fff]{1,8}){1,3}")
_SPLIT = re.compile(r"[\s,，、;；:：|/()（）\[\]【】]+")
_SENTENCE = re.compile(r"[^。！？；\n]+")
_PADDED = re.compile(r"[\u4e00-\u9fff][ \u3000]{1,2}[\u4e00-\u9fff]")
#: A table cell holding one name with spaces inside, as lists pad names to line up (张　三, 欧阳　娜娜).
_PADDED_CELL = re.compile(r"[\u4e00-\u9fff]{1,2}[ \u3000]{1,3}[\u4e00-\u9fff]{1,2}")


@lru_cache(maxsize=1)
def _posseg():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    import jieba.posseg

    jieba.posseg.dt.tokenizer.check_initialized()
    return jieba.posseg


def _word_tag(word: str) -> str | None:
    return _posseg().dt.word_tag_tab.get(word)


def _word_freq(word: str) -> int:
    return _posseg().dt.tokenizer.FREQ.get(word) or 0


#: A token starting with a common word of another part of speech (银行卡 starts with 银行)
#: is not a name, whatever jieba's dictionary tags it.
_COMMON_WORD_FREQ = 1000
#: Above this frequency a dictionary entry tagged nr is a common word, not a person.
_COMMON_NAME_FREQ = 500


def _surname_ok(ctx: Context, token: str) -> bool:
    rules = ctx.rules
    return token[:2] in rules.surnames_compound or token[0] in rules.surnames


def plausible_name(ctx: Context, token: str, column: bool = False) -> bool:
    """Could `token` be a person's name? With `column` (it sits in a 姓名 column) the
    dictionary is not consulted and the surname list only for two-character tokens."""
    if _PADDED.fullmatch(token):  # 张　三: two-character names padded to line up with three
        token = token[0] + token[-1]
    if token in ctx.rules.not_names or token in ctx.rules.label_kind or token.endswith(ctx.rules.public_titles):
        return False
    if _MINORITY.fullmatch(token):
        return len(token) <= 20
    if not _HAN_NAME.fullmatch(token):
        return False
    if column:
        return len(token) > 2 or _surname_ok(ctx, token) or _word_tag(token) in (None, "nr")
    if not _surname_ok(ctx, token):
        return False
    tag = _word_tag(token)
    if tag is not None and (not tag.startswith("nr") or _word_freq(token) >= _COMMON_NAME_FREQ):
        return False  # a dictionary word (jieba even tags 智慧 and 银行卡 as nr)
    if len(token) == 4 and token[:2] not in ctx.rules.surnames_compound and tag is None:
        return False
    if len(token) >= 3 and token[:2] not in ctx.rules.surnames_compound:
        head_tag = _word_tag(token[:2])
        if head_tag and not head_tag.startswith("nr") and _word_freq(token[:2]) >= _COMMON_WORD_FREQ:
            return False
    return True


def padded_cell(ctx: Context, cell: str, column: bool = False) -> bool:
    """Is the (stripped) table cell one name padded with spaces? Cut at the spaces it would not be."""
    if not _PADDED_CELL.fullmatch(cell):
        return False
    name = re.sub(r"[ \u3000]+", "", cell)
    return len(name) <= 4 and plausible_name(ctx, name, column=column)


def _titled(ctx: Context, s: int, e: int) -> bool:
    """A public title right before or after the name (校长李明, 李明教授), or a staff
    label before it (联系人：李明)."""
    text = ctx.text
    if ctx.rules.public_title_re.search(text, max(0, s - 4), s):
        return True
    if text[max(0, s - 6) : s].rstrip(" ：:\t").endswith(ctx.rules.staff_labels):
        return True
    after = text[e : e + 4]
    return after.startswith(ctx.rules.public_titles)


class _Collector:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.found: dict[tuple[int, int], Finding] = {}

    def add(self, s: int, e: int, conf: float, reason: str) -> None:
        if e <= s:
            return
        old = self.found.get((s, e))
        if old is None or old.confidence < conf:
            self.found[(s, e)] = self.ctx.finding("person_name", s, e, conf, reason)


def _column_is_name(ctx: Context, column: str | None) -> bool:
    return bool(column) and "person_name" in ctx.rules.header_kinds(column)


def _table_headers(ctx: Context) -> dict:
    """Header texts per docx/xlsx table (key: the row key without the row number)."""
    headers: dict = {}
    for seg in ctx.extracted.segments:
        if seg.is_header and seg.row is not None:
            headers.setdefault(seg.row[:2], []).append(ctx.text[seg.start : seg.end])
    return headers


def _name_column_conf(ctx: Context, header_texts, pos: int) -> tuple[float, str]:
    """How private a 姓名 column is: a list of posts (任前公示, 拟聘用名单) is public; a list
    in a notice about discipline, aid or health is private."""
    if any(ctx.rules.is_public_list_header(h) for h in header_texts):
        return 0.45, "公示名单中的姓名（任职、聘用等公示通常须公开姓名）"
    if ctx.private_near(pos):
        return 0.85, "姓名栏中的姓名（处分、资助等涉及个人隐私的名单）"
    return 0.7, "姓名栏中的姓名"


def _cells_in_name_columns(ctx: Context, out: _Collector, id_rows: set) -> None:
    text = ctx.text
    headers = _table_headers(ctx)
    for seg in ctx.extracted.segments:
        if seg.is_header or not _column_is_name(ctx, seg.column):
            continue
        cell = text[seg.start : seg.end]
        if seg.row in id_rows:
            conf, why = 0.9, "姓名与证件号、考生号、学号或电话同在一行"
        else:
            conf, why = _name_column_conf(ctx, headers.get(seg.row[:2] if seg.row else None, ()), seg.start)
        stripped = cell.strip()
        if padded_cell(ctx, stripped, column=True):
            s = seg.start + cell.index(stripped)
            out.add(s, s + len(stripped), conf, why)
            continue
        for m in re.finditer(r"[^\s,，、;；/]+", cell):
            if plausible_name(ctx, m.group(), column=True):
                out.add(seg.start + m.start(), seg.start + m.end(), conf, why)


def _text_tables(ctx: Context, out: _Collector, id_lines: set) -> None:
    """Plain-text tables (txt, pdf, docx paragraphs): the field under 姓名 on each line
    that splits into as many fields as the header line."""
    text = ctx.text
    for hs, tokens, sep in ctx._headers():
        cols = [k for k, t in enumerate(tokens) if _column_is_name(ctx, t)]
        if not cols:
            continue
        seg = ctx.extracted.segment_at(hs)
        if seg is not None and seg.is_header and ctx.extracted.kind in ("docx", "xlsx"):
            continue  # a header row of a real table: its cells are handled cell by cell
        conf0, why0 = _name_column_conf(ctx, tokens, hs)
        pos = text.find("\n", hs)
        misses = 0
        while 0 <= pos < len(text) and misses < 3:
            ls = pos + 1
            le = text.find("\n", ls)
            le = len(text) if le < 0 else le
            pos = le if le < len(text) else -1
            line = text[ls:le]
            if not line.strip():
                misses += 1
                continue
            if sep:
                parts, acc, spans = line.split(sep), 0, []
                for part in parts:
                    spans.append((acc, acc + len(part)))
                    acc += len(part) + 1
            else:
                spans = [m.span() for m in re.finditer(r"\S+", line)]
            if len(spans) != len(tokens):
                misses += 1
                continue
            misses = 0
            in_id_line = ls in id_lines
            for k in cols:
                a, b = spans[k]
                field = line[a:b]
                stripped = field.strip()
                if plausible_name(ctx, stripped, column=True):
                    s = ls + a + field.index(stripped)
                    if in_id_line:
                        out.add(s, s + len(stripped), 0.9, "姓名与证件号、考生号、学号或电话同在一行")
                    else:
                        out.add(s, s + len(stripped), conf0, why0)


_LONG_LINE = 400
_NEAR = 40


def _clause(text: str, s: int, e: int, lo: int, hi: int, reach: int = 150) -> tuple[int, int]:
    """The clause around `text[s:e]` within `[lo, hi)`: from the last 。；！？ before it to the
    next one after it, at most `reach` characters each side."""
    lo = max(lo, s - reach)
    hi = min(hi, e + reach)
    start = max(text.rfind(c, lo, s) for c in "。；！？\n") + 1 or lo
    ends = [k for k in (text.find(c, e, hi) for c in "。；！？\n") if k >= 0]
    return max(start, lo), (min(ends) if ends else hi)


def _identifier_rows(ctx: Context, out: _Collector, findings: list[Finding]) -> tuple[set, set]:
    """Names on the same line or table row as an identifier."""
    text = ctx.text
    id_rows: set = set()
    id_lines: set[int] = set()
    spans_by_line: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for f in findings:
        if f.kind not in _IDENTIFIERS or f.confidence < 0.5:
            continue
        seg = ctx.extracted.segment_at(f.start)
        if seg is not None and seg.row is not None and ctx.extracted.kind in ("docx", "xlsx"):
            id_rows.add(seg.row)
        ls, le = ctx.line_bounds(f.start)
        if le - ls > _LONG_LINE:  # running text: the clause around the identifier
            ls, le = _clause(text, f.start, f.end, ls, le)
        else:
            id_lines.add(ls)
        spans_by_line.setdefault((ls, le), []).append((f.start, f.end))
    reason = "姓名与证件号、考生号、学号或电话同在一行"
    for row in id_rows:
        for seg in ctx.extracted.row_segments(row):
            if seg.is_header or _column_is_name(ctx, seg.column):
                continue  # name columns: see _cells_in_name_columns
            cell = text[seg.start : seg.end].strip()
            if cell and (plausible_name(ctx, cell) or padded_cell(ctx, cell)):
                s = text.index(cell, seg.start)
                out.add(s, s + len(cell), 0.85, reason)
    for (ls, le), taken in spans_by_line.items():
        line = text[ls:le]
        hit = False
        pos = 0
        for token in _SPLIT.split(line):
            i = line.find(token, pos)
            pos = i + len(token)
            if token and plausible_name(ctx, token):
                s = ls + i
                if not any(a < s + len(token) and s < b for a, b in taken) and not _titled(ctx, s, s + len(token)):
                    out.add(s, s + len(token), 0.85, reason)
                    hit = True
        if not hit:  # names jieba finds near the identifiers, standing as a field of their own
            lo = max(ls, min(a for a, _ in taken) - _NEAR)
            hi = min(le, max(b for _, b in taken) + _NEAR)
            for s, e in _nr_tokens(ctx, lo, text[lo:hi]):
                if not any(a < e and s < b for a, b in taken) and not _titled(ctx, s, e) and _stands_alone(ctx, s, e):
                    out.add(s, e, 0.8, reason)
    return id_rows, id_lines


_FIELD_BEFORE = frozenset(" \t\u3000，,、；;：:（(【[")
_FIELD_AFTER = frozenset(" \t\u3000，,、；;：:（(）)】]")


def _stands_alone(ctx: Context, s: int, e: int) -> bool:
    """The word is a field of its own: punctuation or a space (or a word such as 学生 /
    申请人) before it, punctuation, a space or a label word (身份证号 …) after it."""
    text = ctx.text
    before_ok = (
        s == 0
        or text[s - 1] in _FIELD_BEFORE
        or text[s - 1] == "\n"
        or text.endswith(ctx.rules.name_before_words, max(0, s - 4), s)
    )
    if not before_ok:
        return False
    if e >= len(text) or text[e] in _FIELD_AFTER or text[e] == "\n":
        return True
    return ctx.rules.label_re.match(text, e) is not None


def _nr_tokens(ctx: Context, offset: int, sentence: str):
    """Spans of the words in `sentence` that are names: jieba's segmentation (its HMM
    finds names missing from the dictionary), then `plausible_name` — a surname, and not
    a dictionary word of another part of speech. (jieba.posseg would tag the same words
    nr, four times slower.)"""
    pos = 0
    for word in _posseg().dt.tokenizer.cut(sentence, HMM=True):
        start = pos
        pos += len(word)
        if 2 <= len(word) <= 4 and plausible_name(ctx, word):
            if sentence[start - 1 : start] in _DOTS or sentence[pos : pos + 1] in _DOTS:
                continue  # part of a name with a middle dot: see _minority_names
            yield offset + start, offset + pos


_DOTS = ("·", "•", "・")
_MINORITY_IN_TEXT = re.compile(r"[\u4e00-\u9fff]{1,4}[·•・][\u4e00-\u9fff]{1,8}")
_PUNCT_BEFORE = set('，。、；：:,;（(“"《【 \t\n')


def _minority_names(ctx: Context, base: int, sentence: str):
    """Names written with a middle dot (买买提·吐尔逊): the longest first part that is
    preceded by a punctuation mark or a word such as 给予 / 学生."""
    text = ctx.text
    before_words = ctx.rules.name_before_words
    for m in _MINORITY_IN_TEXT.finditer(sentence):
        dot = sentence.index("·" if "·" in m.group() else ("•" if "•" in m.group() else "・"), m.start())
        end = base + m.end()
        right = m.group()[dot - m.start() + 1 :]
        cut = min([k for k in (right.find(w) for w in ctx.rules.name_after_words) if k > 0] or [len(right)])
        if cut > 6:
            continue
        end = base + dot + 1 + cut
        for size in range(min(4, dot - m.start()), 1, -1):
            start = base + dot - size
            head = text[max(0, start - 4) : start]
            if start == 0 or head[-1:] in _PUNCT_BEFORE or head.endswith(before_words):
                yield start, end
                break


def _private_prose(ctx: Context, out: _Collector) -> None:
    """Names a sentence about discipline, aid or health marks as a person.

    The sentence itself names such a matter (处分、作弊、助学金、困难 …): names marked by
    给予 / 同学 / ，男 … score 0.85, others 0.7. A sentence that does not, in a paragraph
    that does: only names with a strong mark (，男 / （学号 …), 0.85. A prize-winner in a
    news item ("张三同学荣获一等奖") is public."""
    rules = ctx.rules
    text = ctx.text
    after_re = re.compile("([\u4e00-\u9fff]{2,4}?)(?=" + "|".join(map(re.escape, rules.name_after_words)) + ")")
    paragraph_private: dict[int, bool] = {}
    strong = tuple(w for w in rules.name_after_words if w not in rules.weak_name_markers)
    weak_before = tuple(w for w in rules.name_before_words if w not in rules.weak_name_markers)
    for m in _SENTENCE.finditer(text):
        sentence = m.group()
        if len(sentence) > 600:
            continue
        base = m.start()
        private = rules.private_context_re.search(sentence) is not None
        if not private:
            if not any(w in sentence for w in strong):
                continue
            ls, le = ctx.line_bounds(base)
            if ls not in paragraph_private:
                paragraph_private[ls] = rules.private_context_re.search(text, ls, le) is not None
            if not paragraph_private[ls]:
                continue
        spans = list(_nr_tokens(ctx, base, sentence))
        spans.extend(_minority_names(ctx, base, sentence))
        # jieba misses unusual names: take the 2–3 characters before 同学 / ，男 … too
        for am in after_re.finditer(sentence):
            cand = am.group(1)
            for size in (3, 2):
                if len(cand) >= size:
                    token = cand[-size:]
                    if plausible_name(ctx, token):
                        e = base + am.end(1)
                        spans.append((e - size, e))
                        break
        honour = any(w in sentence for w in rules.public_honour_words)
        for s, e in spans:
            if _titled(ctx, s, e):
                continue
            before = text[max(0, s - 4) : s]
            after = text[e : e + 4]
            if private and not honour:
                marked = before.endswith(rules.name_before_words) or after.startswith(rules.name_after_words)
            else:
                marked = before.endswith(weak_before) or after.startswith(strong)
                if not marked:
                    continue
            if marked:
                out.add(s, e, 0.85, "处分、资助等个人事项中的当事人姓名")
            elif private:
                out.add(s, e, 0.7, "处分、资助等个人事项语句中的姓名")


def detect(ctx: Context, pattern_findings: list[Finding]):
    """Names, given what the pattern detectors found (identifiers give rows their context)."""
    out = _Collector(ctx)
    id_rows, id_lines = _identifier_rows(ctx, out, pattern_findings)
    _cells_in_name_columns(ctx, out, id_rows)
    _text_tables(ctx, out, id_lines)
    if ctx.private_context:
        _private_prose(ctx, out)
    return list(out.found.values())
