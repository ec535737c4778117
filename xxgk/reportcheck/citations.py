"""Wrong citations of the 办法 and the 清单 (rules.json, citations).

- A title in 《》 or 〈〉 that means one of them but is not its exact title:
  《高校信息公开办法》 → 《高等学校信息公开办法》.
- A document number of the same kind near the title (or near its context word in the
  same sentence) that is not the right one: 教育部令第26号 (should be 第29号),
  教办函〔2014〕32号 (should be 〔2014〕23号).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .rules import citation_rules

_TITLE = re.compile(r"[《〈]([^《》〈〉\n]{2,60})[》〉]")
_SENTENCE_END = re.compile(r"[。！？!?\n]")


@dataclass
class CitationError:
    kind: str  # "title" or "number"
    found: str  # as written
    expected: str
    document: str  # 办法 / 清单
    start: int
    end: int

    def message(self) -> str:
        if self.kind == "title":
            return f"引用名称有误：《{self.found}》应为《{self.expected}》"
        return f"文号有误：《{self.document_title}》的文号应为{self.expected}，报告写作“{self.found}”"

    @property
    def document_title(self) -> str:
        return next(c["title"] for c in citation_rules() if c["name"] == self.document)


@cache
def _compiled() -> list[tuple[dict, re.Pattern, re.Pattern]]:
    return [(c, re.compile(c["title_pattern"]), re.compile(c["number_pattern"])) for c in citation_rules()]


def find_citation_errors(norm: str, original: str | None = None) -> list[CitationError]:
    original = norm if original is None else original
    errors: list[CitationError] = []
    for rule, title_rx, number_rx in _compiled():
        for m in _TITLE.finditer(norm):
            title = re.sub(r"\s+", "", m.group(1))
            if title_rx.search(title) and title != rule["title"]:
                errors.append(
                    CitationError(
                        "title", original[m.start(1) : m.end(1)], rule["title"], rule["name"], m.start(), m.end()
                    )
                )
        anchors = [m.start() for w in rule["context_words"] for m in re.finditer(re.escape(w), norm)]
        anchors += [m.start() for m in _TITLE.finditer(norm) if title_rx.search(re.sub(r"\s+", "", m.group(1)))]
        window = rule["window"]
        for m in number_rx.finditer(norm):
            if all(m.group(g) == v for g, v in rule["number_groups"].items()):
                continue
            if not _belongs(norm, m.start(), rule, title_rx):
                continue
            near = False
            for a in anchors:
                lo, hi = sorted((a, m.start()))
                if hi - lo <= window and not _SENTENCE_END.search(norm, lo, hi):
                    near = True
                    break
            if near:
                errors.append(
                    CitationError(
                        "number", original[m.start() : m.end()], rule["number"], rule["name"], m.start(), m.end()
                    )
                )
    errors.sort(key=lambda e: e.start)
    return errors


def _belongs(norm: str, at: int, rule: dict, title_rx: re.Pattern) -> bool:
    """False when the number follows, in the same sentence, the title of some other document."""
    ends = [e.end() for e in _SENTENCE_END.finditer(norm, 0, at)]
    sentence_start = ends[-1] if ends else 0
    titles = list(_TITLE.finditer(norm, sentence_start, at))
    if not titles:
        return True
    title = re.sub(r"\s+", "", titles[-1].group(1))
    return bool(title_rx.search(title)) or any(w in title for w in rule["context_words"])
