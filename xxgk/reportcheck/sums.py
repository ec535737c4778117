"""Itemised figures that do not add up to the total they follow.

Pattern: within one sentence, a stated total, then 其中 (or 分别为 / 包括) and items
with the same unit — "共发布信息1312条，其中“山海新闻”445条，…“理论与政策”16条".
The total is the last figure with that unit before the marker; the items are the
figures with that unit after it, up to the end of the sentence or up to a figure
that is itself a new total (its clause says 共 / 总 / 合计 …). Figures in other
units (成交金额 …万元 between 货物采购项目20个 and 服务项目30个) are skipped.
Nothing is checked when the total or an item is approximate, or when there are
fewer than two items.
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


def find_sums(norm: str, figures: list[Figure]) -> list[SumCheck]:
    checks: list[SumCheck] = []
    for m in MARKERS.finditer(norm):
        s_start = max((e.end() for e in SENTENCE_END.finditer(norm, 0, m.start())), default=0)
        e = SENTENCE_END.search(norm, m.end())
        s_end = e.start() if e else len(norm)
        before = [f for f in figures if s_start <= f.start and f.end <= m.start()]
        if not before:
            continue
        total = before[-1]
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
