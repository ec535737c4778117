"""Itemised figures that do not add up to the total they follow.

Pattern: within one sentence, a stated total, then 其中 (or 分别为 / 包括) and items
with the same unit — "共发布信息1312条，其中“山海新闻”445条，…“理论与政策”16条".
The total is the last figure with that unit before the marker; the items are the
figures with that unit after it, up to the end of the sentence or up to a figure
that is itself a new total (its clause says 共 / 总 / 合计 …). Figures in other
units (成交金额 …万元 between 货物采购项目20个 and 服务项目30个) are skipped.
A breakdown may also spread over several sentences or lines: when 其中 opens a
sentence, the total is the last figure of the sentence before ("共发布信息1200条。其中，
新闻520条，…"); while the items found do not yet add up to the total, each following
short sentence that gives exactly one more figure with the unit is an item ("其中，新闻
520条。通知480条。", "其中：\n予以公开6件；\n部分公开2件；") — after a sentence that already
listed two items, only an enumerated one (三是…, （三）…) is. Nothing is checked when the
total or an item is approximate, or when there are fewer than two items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .figures import Figure

MARKERS = re.compile(r"其中|分别为|分别是|包括")
SENTENCE_END = re.compile(r"[。！？!?\n]")
NEW_TOTAL = ("共", "总", "合计", "累计", "全年")
TOLERANCE = 0.005


@dataclass
class SumCheck:
    total: Figure
    items: list[Figure]

    @property
    def sum(self) -> int | float:
        s = sum(f.value for f in self.items)
        return round(s, 4) if isinstance(s, float) else s

    @property
    def ok(self) -> bool:
        return abs(self.sum - self.total.value) <= TOLERANCE


def _fmt(v: int | float) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


_ENUMERATOR = re.compile(
    r"^(?:[二三四五六七八九十]是|第[二三四五六七八九十]|[（(][二三四五六七八九十\d]{1,2}[）)]|\d{1,2}[、.．)）])"
)
_LEADING_PUNCT = " \t，,：:、"
#: a sentence that only gives one more item is short: "通知公告480条。"
CONTINUATION_CHARS = 20


def _sentence_bounds(norm: str, at: int) -> tuple[int, int]:
    start = max((e.end() for e in SENTENCE_END.finditer(norm, 0, at)), default=0)
    e = SENTENCE_END.search(norm, at)
    return start, e.start() if e else len(norm)


def _total_before(norm: str, figures: list[Figure], m: re.Match, s_start: int) -> Figure | None:
    """The figure the breakdown breaks down: the last one before the marker in its sentence, or, when
    其中 opens a sentence ("共发布信息1200条。其中，新闻520条…"), the last one of the sentence before
    (unless that sentence is itself a breakdown)."""
    before = [f for f in figures if s_start <= f.start and f.end <= m.start()]
    if before:
        return before[-1]
    if m.group(0) != "其中" or norm[s_start : m.start()].strip(_LEADING_PUNCT) or s_start == 0:
        return None
    p_start, p_end = _sentence_bounds(norm, s_start - 1)
    if MARKERS.search(norm, p_start, p_end):
        return None
    previous = [f for f in figures if p_start <= f.start and f.end <= p_end]
    return previous[-1] if previous else None


def _continuation(norm: str, figures: list[Figure], unit: str, after: int, enumerated_only: bool) -> Figure | None:
    """The one item a following sentence adds to a breakdown spread over several sentences, or None."""
    while after < len(norm) and norm[after] in "。！？!?\n \t":
        after += 1
    s_start, s_end = after, _sentence_bounds(norm, after)[1]
    sentence = norm[s_start:s_end].strip(_LEADING_PUNCT + "；;")
    inside = [f for f in figures if s_start <= f.start and f.end <= s_end]
    if not sentence or len(inside) != 1 or inside[0].unit != unit or MARKERS.search(sentence):
        return None
    body = _ENUMERATOR.sub("", sentence)
    if enumerated_only and body == sentence:
        return None
    if len(body) > CONTINUATION_CHARS or any(w in body for w in NEW_TOTAL):
        return None
    return inside[0]


def find_sums(norm: str, figures: list[Figure]) -> list[SumCheck]:
    checks: list[SumCheck] = []
    for m in MARKERS.finditer(norm):
        s_start, s_end = _sentence_bounds(norm, m.start())
        total = _total_before(norm, figures, m, s_start)
        if total is None:
            continue
        items: list[Figure] = []
        for f in figures:
            if f.start < m.end() or f.end > s_end or f.unit != total.unit:
                continue
            clause_head = norm[max(s_start, f.start - 12) : f.start]
            clause_head = re.split(r"[，；;、]", clause_head)[-1]
            if items and any(w in clause_head for w in NEW_TOTAL):
                break
            nxt = MARKERS.search(norm, m.end(), f.start)
            if nxt and items:
                break
            items.append(f)
        # a breakdown spread over several sentences: "其中，新闻520条。通知480条。招生260条。"
        in_sentence = len(items)
        end = s_end
        while total.unit and sum(f.value for f in items) != total.value:
            nxt = _continuation(norm, figures, total.unit, end, enumerated_only=in_sentence >= 2)
            if nxt is None:
                break
            items.append(nxt)
            end = _sentence_bounds(norm, nxt.start)[1]
        if len(items) < 2 or total.approx or any(f.approx for f in items) or not total.unit:
            continue
        checks.append(SumCheck(total, items))
    return checks


def mismatch_message(check: SumCheck) -> str:
    unit = check.total.unit
    parts = "+".join(_fmt(f.value) for f in check.items)
    diff = check.sum - check.total.value
    diff = round(diff, 4) if isinstance(diff, float) else diff
    hint = "分项之和大于总数" if diff > 0 else "分项之和小于总数（若只列举了部分分项，请注明“主要有”或补全）"
    return (
        f"“{check.total.text}”之后所列分项合计{_fmt(check.sum)}{unit}（{parts}），"
        f"与总数{_fmt(check.total.value)}{unit}不符，相差{_fmt(abs(diff))}{unit}：{hint}"
    )
