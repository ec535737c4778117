"""What a screening pass reports: one `Finding` per piece of personal data or secrecy marking."""

from __future__ import annotations

import bisect
from operator import attrgetter
from typing import NamedTuple

#: Every kind a detector can report, in the order reports list them.
KINDS: tuple[str, ...] = (
    "id_card",
    "mobile",
    "landline",
    "bank_card",
    "email",
    "passport",
    "exam_number",
    "student_number",
    "person_name",
    "address",
    "secret_marker",
)

#: The kinds found by patterns alone (everything but names, which need language context).
PATTERN_KINDS: tuple[str, ...] = tuple(k for k in KINDS if k != "person_name")

#: How a kind is called in front of a user.
KIND_LABELS: dict[str, str] = {
    "id_card": "身份证号",
    "mobile": "手机号码",
    "landline": "固定电话",
    "bank_card": "银行卡号",
    "email": "电子邮箱",
    "passport": "护照号码",
    "exam_number": "考生号",
    "student_number": "学号",
    "person_name": "姓名",
    "address": "住址",
    "secret_marker": "密级/内部标志",
}

#: Which kind wins when two findings of equal confidence overlap (earlier wins).
PRIORITY: dict[str, int] = {
    k: i
    for i, k in enumerate(
        (
            "secret_marker",
            "id_card",
            "bank_card",
            "exam_number",
            "student_number",
            "passport",
            "mobile",
            "landline",
            "email",
            "address",
            "person_name",
        )
    )
}


class Finding(NamedTuple):
    """One hit: `text` is `extracted_text[start:end]`.

    `confidence` is 0–1; `reason` says in a few Chinese words why it was reported;
    `location` says where in the document it sits ("header", "table:1!R2C3",
    "sheet:Sheet1!B3", "page:2", "line:14"), when that is known.

    A named tuple (immutable, compared and hashed by value): the detectors make one for
    every value of a list, and a tuple is made several times faster than any class with
    attributes. `finding._replace(location=…)` gives a changed copy.
    """

    kind: str
    start: int
    end: int
    text: str
    confidence: float
    reason: str
    location: str | None = None

    @classmethod
    def make(
        cls, kind: str, start: int, end: int, text: str, confidence: float, reason: str, location: str | None = None
    ) -> Finding:
        """The same as `Finding(...)` (kept for callers that use it)."""
        return _new(Finding, (kind, start, end, text, confidence, reason, location))

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def to_dict(self) -> dict:
        return self._asdict()

    def overlaps(self, other: Finding) -> bool:
        return self.start < other.end and other.start < self.end


_new = tuple.__new__


def new_finding(
    kind: str, start: int, end: int, text: str, confidence: float, reason: str, location: str | None = None
) -> Finding:
    """The same as `Finding(...)` without the keyword handling of the named tuple's
    constructor (the detectors make thousands)."""
    return _new(Finding, (kind, start, end, text, confidence, reason, location))


_by_start = attrgetter("start")
_by_end = attrgetter("end")


def resolve_overlaps(findings: list[Finding]) -> list[Finding]:
    """Keep, among findings that overlap, the most confident (then the longest, then by kind priority)."""
    if len(findings) < 2:
        return list(findings)
    # by (start, end), in two stable sorts on ints: no key tuple for each finding
    ordered = sorted(findings, key=_by_end)
    ordered.sort(key=_by_start)
    end = -1
    for f in ordered:
        if f.start < end:
            break
        end = f.end
    else:
        return ordered  # nothing overlaps (the usual case)
    # findings that overlap nothing are kept as they are; each group of findings linked by
    # overlaps is settled on its own (a finding's fate depends only on those it overlaps)
    kept: list[Finding] = []
    group: list[Finding] = []
    end = -1
    for f in ordered:
        if f.start >= end and group:
            if len(group) == 1:
                kept.append(group[0])
            else:
                kept.extend(_settle(group))
            group = []
        group.append(f)
        if f.end > end:
            end = f.end
    if len(group) == 1:
        kept.append(group[0])
    else:
        kept.extend(_settle(group))
    return kept


def _rank(f: Finding):
    return (-f.confidence, -(f.end - f.start), PRIORITY.get(f.kind, 99), f.start)


def _settle(findings: list[Finding]) -> list[Finding]:
    """The findings to keep among `findings`, the most confident first (then the longest,
    then by kind priority), each one kept unless it overlaps one kept before it."""
    ranked = sorted(findings, key=_rank)
    kept: list[Finding] = []
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping
    for f in ranked:
        i = bisect.bisect_left(taken, (f.start, f.start))
        clash = False
        if i > 0 and taken[i - 1][1] > f.start:
            clash = True
        if i < len(taken) and taken[i][0] < f.end:
            clash = True
        if not clash:
            bisect.insort(taken, (f.start, f.end))
            kept.append(f)
    kept.sort(key=lambda f: (f.start, f.end))
    return kept
