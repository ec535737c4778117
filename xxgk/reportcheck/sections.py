"""Headings, the parts a report declares, and the section keys both map to.

Heading numbering (on normalised text, at the start of a line):

- 第一部分 / 第一章 / 第一节
- 一、 一. 一， 一 (space)
- （一） (一) and （4） (9) — Arabic numbers in brackets rank with （一）: 海南's
  report numbers its sub-parts （一）（二）（三）（4）（五）…（9）
- 1. 1、 1． 1) 1）

These styles nest in that order; a document's levels are the styles it uses
(第一部分 + 一、 → levels 1 and 2; 一、（一）1. → 1, 2, 3; （一） alone → level 1).

A numbered line is a heading only when its title (the text up to the first 。
：or ；) is short; otherwise it is a numbered paragraph. When a document has no
numbered headings at all (Word's automatic numbering is not in the text), short
lines that name a section are taken as headings; when the only numbering is （一）, such
lines are the top level above it (part titles in a heading style with no number).

Section keys come from ``rules.json`` (sections.items.*.patterns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .rules import section_order, section_rules
from .text import cn_number, lines

_CN = "一二三四五六七八九十"
_PART = re.compile(rf"^第[{_CN}]{{1,3}}(?:部分|章|节)\s*[、.:：,，]?\s*")
_L1 = re.compile(rf"^(?:[{_CN}]{{1,3}}\s*[、.,，:：](?![{_CN}]、)|[{_CN}]{{1,3}}\s+(?=\S))")
_L2 = re.compile(rf"^[（(]\s*(?:[{_CN}]{{1,3}}|\d{{1,2}})\s*[）)]\s*")
_L3 = re.compile(r"^\d{1,2}\s*(?:[、.,，]|[)）]|\s)(?!\d)\s*")
# numbering styles from the outermost in; a document's levels are the styles it uses, in this order
STYLES = ((0, _PART, 40), (1, _L1, 40), (2, _L2, 40), (3, _L3, 30))
_TITLE_END = re.compile(r"[。：:；;]")
MAX_PLAIN = 24


@dataclass
class Heading:
    level: int  # 1 = the outermost numbering style the document uses; unnumbered headings are 1
    marker: str
    title: str  # normalised (simplified) title
    text: str  # the heading as written
    start: int  # offset of the line
    end: int = 0  # offset where the heading's part ends (next heading of the same or a higher level)
    keys: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"level": self.level, "title": self.title, "text": self.text, "keys": list(self.keys)}


@dataclass
class Declared:
    count: int | None  # the number the report states ("六个部分" → 6)
    parts: list[str]  # the parts as listed
    keys: list[str]  # section keys of the listed parts, in order, without repeats
    unmapped: list[str]  # listed parts that name no known section
    text: str  # the sentence


@cache
def _patterns(part: bool) -> dict[str, list[re.Pattern]]:
    items = section_rules()["items"]
    fields = ("patterns", "synonyms") if part else ("patterns",)
    return {key: [re.compile(p) for f in fields for p in items[key].get(f, ())] for key in section_order()}


def classify(title: str, part: bool = False) -> list[str]:
    """Section keys a heading title or a declared part names, in canonical order.

    ``part``: the title names a part of the report (a declared part, a top-level heading), so the
    section's synonyms (rules.json, other words than the 2018 notice uses) count too."""
    compact = re.sub(r"\s+", "", title)
    return [key for key, pats in _patterns(part).items() if any(p.search(compact) for p in pats)]


def _title_of(rest: str, limit: int) -> str | None:
    rest = rest.strip()
    m = _TITLE_END.search(rest)
    title = rest[: m.start()] if m else rest
    title = title.strip(" \t，,、")
    if not title or len(title) > limit or "\t" in title:
        return None  # too long for a heading, or a table row ("1\t办学规模\t已公开")
    return title


_RUN_ON = re.compile(r"(?:(?<=[。；;！？!?\s])|^)([一二三四五六七八九十]{1,2})[、.．]")
RUN_ON_LINE = 300  # a line this long holding the part headings is a report pasted without line breaks


def break_run_on(norm: str) -> str:
    """Put the part headings of a report copied onto one line back at the start of lines.

    In a line longer than RUN_ON_LINE, a marker 一、 二、 … counts as a heading when the numbers go
    up one by one from 一 and the words after it name a section of the report; the character
    before it (an end of sentence or a space) becomes a line break, so the text keeps its length
    and every offset stays valid."""
    out = list(norm)
    for pos, line in lines(norm):
        if len(line) <= RUN_ON_LINE:
            continue
        expected = 1
        for m in _RUN_ON.finditer(line):
            number = cn_number(m.group(1))
            if number != expected:
                continue
            rest = line[m.end() :]
            first = re.split(r"\s", rest.lstrip(), maxsplit=1)[0]
            title = _title_of(first, 40)
            if number > 1 and not (title and classify(title, part=True)):
                continue
            if m.start() > 0:
                out[pos + m.start() - 1] = "\n"
            after = m.end() + (len(rest) - len(rest.lstrip())) + len(first)
            if title and after < len(line) and line[after].isspace():
                out[pos + after] = "\n"  # the heading's own line ends where its body begins
            expected += 1
    return "".join(out)


def find_headings(norm: str, original: str | None = None) -> list[Heading]:
    original = norm if original is None else original
    found: list[tuple[int, Heading]] = []
    for pos, line in lines(norm):
        stripped = line.lstrip(" \t")
        lead = len(line) - len(stripped)
        for style, rx, limit in STYLES:
            m = rx.match(stripped)
            if not m:
                continue
            title = _title_of(stripped[m.end() :], limit)
            if title is None:
                break
            text = original[pos + lead : pos + len(line)].strip()
            found.append((style, Heading(0, m.group(0).strip(), title, text, pos)))
            break
    styles = sorted({style for style, _ in found})
    for style, h in found:
        h.level = styles.index(style) + 1
    headings = [h for _, h in found]
    if not any(style < 3 for style in styles):
        headings = sorted(headings + _plain_headings(norm, original), key=lambda h: h.start)
    elif not any(style < 2 for style in styles):
        # （一） headings under unnumbered part titles (a docx whose 标题 1 carries no number):
        # the part titles are the top level, the numbered headings one below
        taken = {h.start for h in headings}
        plain = [h for h in _plain_headings(norm, original) if h.start not in taken]
        if plain:
            for h in headings:
                h.level += 1
            headings = sorted(headings + plain, key=lambda h: h.start)
    _assign(headings, norm)
    return headings


def _plain_headings(norm: str, original: str) -> list[Heading]:
    out = []
    for pos, line in lines(norm):
        s = line.strip()
        if not s or len(s) > MAX_PLAIN or s[-1] in "。，；、,;" or _L3.match(s):
            continue
        if classify(s, part=True):
            out.append(Heading(1, "", s, original[pos : pos + len(line)].strip(), pos))
    return out


def _assign(headings: list[Heading], norm: str) -> None:
    """Spans, section keys, and key_areas for topic sub-headings under a proactive heading."""
    rules = section_rules()
    items = rules["items"]
    topics = rules["key_area_topics"]
    top = min((h.level for h in headings), default=1)
    for i, h in enumerate(headings):
        h.end = len(norm)
        for later in headings[i + 1 :]:
            if later.level <= h.level:
                h.end = later.start
                break
    for i, h in enumerate(headings):
        keys = classify(h.title, part=h.level == top)
        keys = [k for k in keys if not items[k].get("top_level_only") or h.level == top]
        if "key_areas" not in keys:
            parent = next((p for p in reversed(headings[:i]) if p.level < h.level and p.start < h.start < p.end), None)
            inside_proactive = parent is not None and "proactive" in parent.keys
            if inside_proactive and any(t in h.title for t in topics):
                keys.append("key_areas")
        order = section_order()
        h.keys = sorted(set(keys), key=order.index)


def has_checklist_table(norm: str) -> bool:
    """An attached 清单事项公开情况表 / 一览表, as a line that names it or a table whose header has the words."""
    rules = section_rules()
    line_pats = [re.compile(p) for p in rules["checklist_line_patterns"]]
    header_words = rules["checklist_table_header_words"]
    for _, line in lines(norm):
        s = line.strip()
        if any(p.search(s) for p in line_pats):
            return True
        if "\t" in s and all(w in s for w in header_words):
            return True
    return False


def sections_found(headings: list[Heading], norm: str) -> list[str]:
    keys = {k for h in headings for k in h.keys}
    if has_checklist_table(norm):
        keys.add("checklist_table")
    return [k for k in section_order() if k in keys]


# --- declared parts -------------------------------------------------------------

_NUM = rf"[{_CN}两\d]{{1,3}}"
_UNIT = r"(?:部分|方面|章|板块|块|项内容)"
_DECL_LIST = re.compile(
    r"(?:报告|全文|本文|内容)[^。\n]{0,12}?(?:包括|包含|分为|共分|涵盖|由)[:：]?\s*"
    rf"(?P<list>[^。\n]*?)\s*(?:等|共|这|计)?\s*(?P<num>{_NUM})\s*(?:个)?\s*{_UNIT}"
)
_DECL_COUNT_FIRST = re.compile(
    rf"(?:报告|全文|本文|内容)[^。\n]{{0,12}}?(?:包括|包含|分为|共分|共有|由)(?:以下|如下|下列)?\s*(?P<num>{_NUM})\s*(?:个)?\s*(?:部分|方面|章|板块)\s*(?:组成)?[:：]\s*(?P<list>[^。\n]*)"
)
# "本报告共六个部分，包括：…" / "本报告共分七个部分，分别是…"
_DECL_COUNT_THEN_LIST = re.compile(
    rf"(?:报告|全文|本文)[^。\n]{{0,6}}?(?:共|共分为|分为|共分|共有)\s*(?P<num>{_NUM})\s*(?:个)?\s*(?:部分|方面|章|板块)\s*(?:组成|构成)?\s*[，,：:]\s*"
    r"(?:分别(?:是|为)|包括|包含|即|依次为|具体为|主要包括)?\s*[:：]?\s*(?P<list>[^。\n]*)"
)
_DECL_NO_COUNT = re.compile(
    r"(?:报告|全文|本文)[^。\n]{0,12}?(?:内容)?(?:包括|包含|涵盖|由)[:：]?\s*(?P<list>[^。\n]*?)(?:等内容|组成|构成|等部分|等)?(?:。|\n|$)"
)
_SPLIT = re.compile(r"[、，,；;]")
_LEAD = re.compile(r"^(?:以及|及|和|与|还有|并)")
_ENUMERATOR = re.compile(
    rf"^(?:[{_CN}]{{1,2}}是|第[{_CN}]{{1,2}}(?:部分|章)?(?:是|为|[:：、])?|[（(][{_CN}\d]{{1,2}}[）)]|[{_CN}]{{1,2}}、|\d{{1,2}}[、.．)）])\s*"
)
_AND = re.compile(r"以及|和|及|与")


def _split_two(part: str) -> list[str]:
    """ "评议情况和其他需要报告的事项" → its two parts; a part that names one section stays whole.

    Split where both sides name sections and no section on both sides ("存在的问题和改进措施及其他
    需要报告的事项" splits at 及, not at 和)."""
    for m in _AND.finditer(part):
        left, right = part[: m.start()], part[m.end() :]
        lk, rk = classify(left, part=True), classify(right, part=True)
        if lk and rk and not set(lk) & set(rk):
            return [left, right]
    return [part]


def _split_parts(listing: str, split_joined: bool = True) -> list[str]:
    parts: list[str] = []
    for raw in _SPLIT.split(listing):
        part = _ENUMERATOR.sub("", _LEAD.sub("", raw.strip()).strip())
        part = part.strip(" “”\"'《》:：")
        part = re.sub(r"(等)$", "", part)
        if not part:
            continue
        whole = classify(part, part=True)
        if parts and whole and len(part) <= 7 and classify(parts[-1], part=True) == whole:
            # "受到举报、复议、诉讼的情况" is one part that the 、 split into three; so is
            # "新做法新举措、主要经验、问题和改进措施" (the 2018 notice's part 六)
            parts[-1] += "、" + part
            continue
        parts.extend(_split_two(part) if split_joined and len(whole) > 1 else [part])
    return parts


def find_declared(norm: str) -> Declared | None:
    """The part list a report gives in its opening, e.g. "报告内容包括概述、…等六个部分"."""
    candidates = []
    for rx in (_DECL_LIST, _DECL_COUNT_FIRST, _DECL_COUNT_THEN_LIST):
        for m in rx.finditer(norm):
            candidates.append((m, True))
    for m in _DECL_NO_COUNT.finditer(norm):
        candidates.append((m, False))
    # at one place, a pattern that reads the count wins over one that does not, and one that
    # reads the list over one that does not ("本报告共分七个部分，分别是：…")
    for m, with_count in sorted(candidates, key=lambda c: (c[0].start(), not c[1], not c[0].group("list").strip())):
        count = cn_number(m.group("num")) if with_count else None
        parts = _split_parts(m.group("list"))
        if count is not None and len(parts) != count:
            # "评议及举报情况" may be one part covering two sections: the stated count decides
            joined = _split_parts(m.group("list"), split_joined=False)
            if len(joined) == count:
                parts = joined
        keys_per_part = [classify(p, part=True) for p in parts]
        mapped = sum(1 for k in keys_per_part if k)
        count_only = with_count and not parts
        if count_only and not (re.match(r"(本?报告|全文|本文)", m.group(0)) and "部分" in m.group(0)):
            continue  # "内容包括三个方面" is not the report's part list
        if mapped < 2 and not count_only:
            continue
        keys: list[str] = []
        for ks in keys_per_part:
            for k in ks:
                if k not in keys:
                    keys.append(k)
        unmapped = [p for p, ks in zip(parts, keys_per_part) if not ks]
        return Declared(count, parts, keys, unmapped, m.group(0))
    return None
