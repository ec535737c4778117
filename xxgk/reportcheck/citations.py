"""Wrong citations of the 办法, the 清单 and the 2018 notice on annual reports (rules.json, citations).

- A title in 《》 or 〈〉 that means one of them but is not its exact title:
  《高校信息公开办法》 → 《高等学校信息公开办法》; the notice that published the 清单 cited under
  another name: 《教育部关于印发〈…清单〉的通知》 → 《教育部关于公布〈高等学校信息公开事项清单〉的通知》.
- A document number of the same kind that is not the right one, when it directly follows the
  document's title, or when it shares a key part with the right number (the year 2014 or the
  number 23 for the 清单, the year 2018 for the notice) and stands near the title or a context word
  in the same sentence: 教育部令第26号 (should be 第29号), 教办函〔2014〕32号 (〔2014〕23号),
  教办厅函〔2014〕23号 (issued as 教办函), 教办厅函〔2018〕81号 (80号).
- The right number of the 2018 notice after a title that names another year's notice.

The right number of a related document (``known_numbers`` and the other documents' numbers) is
never a wrong number of this one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .rules import citation_rules, rules

_TITLE = re.compile(r"[《〈]([^《》〈〉\n]{2,60})[》〉]")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_YEAR = re.compile(r"(?:19|20)\d\d")
#: a number directly follows a title when at most this many characters ("》（", "》、") stand between
_FOLLOWS = 3


@dataclass
class CitationError:
    kind: str  # "title", "number" or "title_year"
    found: str  # as written
    expected: str
    document: str  # rules.json citations.items[].name
    start: int
    end: int

    def message(self) -> str:
        if self.kind == "title":
            return f"引用名称有误：《{self.found}》应为《{self.expected}》"
        if self.kind == "title_year":
            return (
                f"引用有误：{self.expected}是{self.label}，所引标题《{self.found}》说的是另一年度的通知，"
                "请核对标题与文号"
            )
        return f"文号有误：{self.label}的文号应为{self.expected}，报告写作“{self.found}”"

    @property
    def label(self) -> str:
        return next(c["label"] for c in citation_rules() if c["name"] == self.document)

    @property
    def document_title(self) -> str:
        return next(c["title"] or c["label"] for c in citation_rules() if c["name"] == self.document)


def canonical_number(number: str) -> str:
    """教办函 [2014] 23号 → 教办函〔2014〕23号: the form numbers are compared in."""
    s = re.sub(r"\s+", "", number)
    s = re.sub(r"[\[【（(]", "〔", s)
    return re.sub(r"[\]】）)]", "〕", s)


@cache
def _compiled() -> list[tuple[dict, re.Pattern, re.Pattern, re.Pattern | None]]:
    out = []
    for c in citation_rules():
        notice = re.compile(c["notice_pattern"]) if c.get("notice_pattern") else None
        out.append((c, re.compile(c["title_pattern"]), re.compile(c["number_pattern"]), notice))
    return out


@cache
def _right_numbers() -> frozenset[str]:
    known = rules()["citations"].get("known_numbers", [])
    return frozenset(canonical_number(n) for n in [*known, *(c["number"] for c in citation_rules())])


def _compact(title: str) -> str:
    return re.sub(r"\s+", "", title)


def find_citation_errors(norm: str, original: str | None = None) -> list[CitationError]:
    original = norm if original is None else original
    errors: list[CitationError] = []
    titles = list(_TITLE.finditer(norm))
    for rule, title_rx, number_rx, notice_rx in _compiled():
        notice_spans: list[tuple[int, int]] = []
        if notice_rx is not None:
            for m in notice_rx.finditer(norm):
                notice_spans.append((m.start(), m.end()))
                if _compact(m.group(0)).replace("《", "〈").replace("》", "〉") != rule["notice_title"]:
                    found = original[m.start() : m.end()]
                    errors.append(CitationError("title", found, rule["notice_title"], rule["name"], m.start(), m.end()))
        own_titles = [m for m in titles if title_rx.search(_compact(m.group(1)))]
        if rule.get("title"):
            for m in own_titles:
                inside_notice = any(a <= m.start() < b for a, b in notice_spans)
                if _compact(m.group(1)) != rule["title"] and not inside_notice:
                    found = original[m.start(1) : m.end(1)]
                    errors.append(CitationError("title", found, rule["title"], rule["name"], m.start(), m.end()))
        anchors = [m.start() for w in rule["context_words"] for m in re.finditer(re.escape(w), norm)]
        anchors += [m.start() for m in own_titles] + [a for a, _ in notice_spans]
        title_ends = [m.end() for m in own_titles] + [b for _, b in notice_spans]
        for m in number_rx.finditer(norm):
            follows = any(0 <= m.start() - end <= _FOLLOWS for end in title_ends)
            if all(m.group(g) == v for g, v in rule["number_groups"].items()):
                errors.extend(_title_year_errors(norm, original, rule, m, titles))
                continue
            if canonical_number(m.group(0)) in _right_numbers():
                continue  # another document's right number
            keyed = any(m.group(g) == rule["number_groups"][g] for g in rule.get("key_groups", ()))
            if not follows and rule.get("key_groups") and not keyed:
                continue
            if not follows and not (
                _belongs(norm, m.start(), rule, title_rx) and _near(norm, m.start(), anchors, rule)
            ):
                continue
            errors.append(
                CitationError("number", original[m.start() : m.end()], rule["number"], rule["name"], m.start(), m.end())
            )
    errors.sort(key=lambda e: (e.start, e.kind))
    return errors


def _near(norm: str, at: int, anchors: list[int], rule: dict) -> bool:
    for a in anchors:
        lo, hi = sorted((a, at))
        if hi - lo <= rule["window"] and not _SENTENCE_END.search(norm, lo, hi):
            return True
    return False


def _title_year_errors(
    norm: str, original: str, rule: dict, m: re.Match, titles: list[re.Match]
) -> list[CitationError]:
    """The right number after a title naming a year the document is not about."""
    years = rule.get("title_years")
    if not years:
        return []
    before = [t for t in titles if 0 <= m.start() - t.end() <= _FOLLOWS]
    if not before:
        return []
    title = before[-1]
    named = _YEAR.findall(title.group(1))
    if not named or any(y in years for y in named):
        return []
    found = original[title.start(1) : title.end(1)]
    return [CitationError("title_year", found, rule["number"], rule["name"], title.start(), m.end())]


def _belongs(norm: str, at: int, rule: dict, title_rx: re.Pattern) -> bool:
    """False when the number follows, in the same sentence, the title of some other document."""
    ends = [e.end() for e in _SENTENCE_END.finditer(norm, 0, at)]
    sentence_start = ends[-1] if ends else 0
    titles = list(_TITLE.finditer(norm, sentence_start, at))
    if not titles:
        return True
    title = _compact(titles[-1].group(1))
    return bool(title_rx.search(title)) or any(w in title for w in rule["context_words"])
