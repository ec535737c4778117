"""Secrecy markings (保密审查): 绝密/机密/秘密 with ★ and a term, 密级 labels, and the
phrases that restrict circulation (内部资料、不得外传、注意保密 …).

Where a marking stands decides how sure we are:
- a level with ★ ("秘密★1年", "机密★长期") or after 密级 is a marking wherever it is: 0.97–0.99;
- a level word or phrase on a line of its own, in brackets, in the page header, or in
  the first lines of the document: 0.9 (0.7 for a short line further down);
- a restricting phrase inside an ordinary sentence ("本材料仅供内部使用"): 0.6;
- the same words in a sentence about rules ("严格执行保密制度，涉密信息不上网",
  "保守国家秘密") are not markings: level words there score 0.3 (below the default
  threshold), and words like 保密、涉密 alone are not looked for at all.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .context import Context

KINDS = ("secret_marker",)

LEVEL_STAR_RE = re.compile(
    r"(?:绝密|机密|秘密)[ \t　]*[★☆*＊][ \t　]*(?:长期|[0-9０-９一二三四五六七八九十]+[ \t　]*(?:年|个月|月|日))?"
)
_HEAD_LINES = 4
_SHORT = 20
_DECOR = re.compile(r"[\s★☆*＊【】\[\]（）()〔〕「」<>《》:：，,、。.·\-—0-9０-９一二三四五六七八九十年个月长期]+")


class _Lines:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        head_end = 0
        seen = 0
        text = ctx.text
        pos = 0
        while pos < len(text) and seen < _HEAD_LINES and pos < 2000:
            nl = text.find("\n", pos)
            nl = len(text) if nl < 0 else nl
            if text[pos:nl].strip():
                seen += 1
            pos = nl + 1
            head_end = pos
        self.head_end = head_end

    def at_head(self, pos: int) -> bool:
        if pos < self.head_end:
            return True
        loc = self.ctx.location_of(pos)
        return loc is not None and loc.startswith(("header", "footer"))


def _standalone(line: str, word: str) -> bool:
    """The line holds little but the marking (and brackets, stars, terms)."""
    if len(line) > 3 * _SHORT:
        return False
    rest = _DECOR.sub("", line.replace(word, ""))
    return len(line.strip()) <= _SHORT and len(rest) <= 6


def _sentence(text: str, s: int, e: int, reach: int = 200) -> str:
    """The sentence around `text[s:e]` (at most `reach` characters each side)."""
    lo = max(0, s - reach)
    hi = min(len(text), e + reach)
    rfind, find = text.rfind, text.find
    start = max(rfind("。", lo, s), rfind("！", lo, s), rfind("？", lo, s), rfind("；", lo, s), rfind("\n", lo, s))
    ends = [
        i
        for i in (find("。", e, hi), find("！", e, hi), find("？", e, hi), find("；", e, hi), find("\n", e, hi))
        if i >= 0
    ]
    return text[start + 1 if start >= 0 else lo : min(ends) if ends else hi]


def detect(ctx: Context):
    text = ctx.text
    rules = ctx.rules
    lines = _Lines(ctx)
    covered: list[tuple[int, int]] = []
    levels = set(rules.secret_levels)
    level_labels = set(rules.secret_level_labels)
    secret_words = _secret_words(rules)
    furthest = 0  # no covered span reaches past it
    for s, e, word in ctx.keyword_hits():
        if word not in secret_words or (s < furthest and any(a <= s < b for a, b in covered)):
            continue
        if word in levels:
            star = LEVEL_STAR_RE.match(text, s)
            if star:
                covered.append(star.span())
                furthest = max(furthest, star.end())
                yield ctx.finding("secret_marker", s, star.end(), 0.99, "密级标志（密级★保密期限）")
                continue
        if word not in level_labels:
            window = text[max(0, s - 4) : e + 6]
            if any(w in window for w in rules.secret_ignore):
                continue  # 国家秘密、保守秘密、内部资料性出版物 …
        ls, le = ctx.line_bounds(s)
        line = text[ls:le]
        head = lines.at_head(s)
        alone = _standalone(line, word)
        if word in level_labels:
            after = text[e : e + 8]
            if re.match(r"[ \t　]*[:：][ \t　]*\S", after):
                end = e + len(re.match(r"[ \t　]*[:：][ \t　]*[^\s，。,;；]*", after).group())
                covered.append((s, end))
                furthest = max(furthest, end)
                yield ctx.finding("secret_marker", s, end, 0.97, f"标有“{word}”")
            continue
        if word in levels:
            before = text[max(0, s - 6) : s]
            if any(lbl in before for lbl in level_labels):
                yield ctx.finding("secret_marker", s, e, 0.97, "密级标志（密级：…）")
            elif alone and head:
                yield ctx.finding("secret_marker", s, e, 0.9, "文首或页眉的密级标志")
            elif alone:
                yield ctx.finding("secret_marker", s, e, 0.7, "单独成行的密级字样")
            else:
                yield ctx.finding("secret_marker", s, e, 0.3, "句中出现密级字样（多为叙述，不是标志）")
            continue
        # a restricting phrase
        bracketed = text[s - 1 : s] in "【[（(〔「<《" and s > 0
        if head or alone or bracketed:
            yield ctx.finding("secret_marker", s, e, 0.9, f"标有“{word}”（文首、页眉或单独标注）")
        else:
            sentence = _sentence(text, s, e)
            if any(w in sentence for w in rules.secret_rule_talk):
                yield ctx.finding("secret_marker", s, e, 0.3, f"句中提到“{word}”（讲制度要求，不是标志）")
            else:
                yield ctx.finding("secret_marker", s, e, 0.6, f"正文中标有“{word}”")


@lru_cache(maxsize=8)
def _secret_words(rules) -> frozenset[str]:
    return frozenset((*rules.secret_levels, *rules.secret_level_labels, *rules.secret_markers))
