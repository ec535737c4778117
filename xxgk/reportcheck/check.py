"""``check(text) -> Report``: everything the checker finds in one annual report.

Finding codes (``Finding.code``):

- ``missing_section``: a required section (rules.json) is neither a heading nor a declared part.
- ``declared_count_mismatch``: the opening states N parts but lists a different number
  ("九个部分" with seven named); when it names none ("本报告共分七个部分"), N is compared
  with the number of top-level headings.
- ``undeclared_section``: the report declares its parts, and a heading names a section
  that is not among them (泉州: six parts declared, 七、其他需要报告的事项 is a seventh).
  Sub-sections (key_areas) and the attached table (checklist_table) are not parts.
- ``declared_section_missing``: a declared part has no heading.
- ``sum_mismatch``: itemised figures after 其中 do not add up to the stated total.
- ``wrong_citation``: a wrong title or document number for the 办法 or the 清单.
- ``period_not_found``: no statistics period could be read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import citations, keyfigures, sections, sums, tables
from . import figures as figures_mod
from . import period as period_mod
from .figures import Figure
from .period import Period
from .read import read_path, tidy
from .rules import required_sections, rules, section_label
from .sections import Declared, Heading
from .text import normalize

NOT_PARTS = ("key_areas", "checklist_table")


@dataclass
class Finding:
    code: str
    message: str  # Chinese, for people
    severity: str = "error"  # error | warning
    section: str | None = None
    text: str | None = None  # the passage it is about, as written

    def to_dict(self) -> dict:
        d = {"code": self.code, "message": self.message, "severity": self.severity}
        if self.section:
            d["section"] = self.section
        if self.text:
            d["text"] = self.text
        return d


@dataclass
class Report:
    source: str | None
    school: str | None
    period: Period | None
    declared: Declared | None
    headings: list[Heading]
    sections: list[str]
    missing_sections: list[str]
    figures: list[Figure]
    findings: list[Finding]
    key_figures: dict = field(default_factory=dict)

    @property
    def declared_sections(self) -> list[str]:
        return list(self.declared.keys) if self.declared else []

    @property
    def declared_count(self) -> int | None:
        return self.declared.count if self.declared else None

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "school": self.school,
            "period": self.period.to_dict() if self.period else None,
            "period_text": self.period.text if self.period else None,
            "declared_sections": self.declared_sections,
            "declared_parts": list(self.declared.parts) if self.declared else [],
            "declared_count": self.declared_count,
            "sections": list(self.sections),
            "missing_sections": list(self.missing_sections),
            "headings": [h.to_dict() for h in self.headings],
            "figures": [f.to_dict() for f in self.figures],
            "key_figures": dict(self.key_figures),
            "findings": [f.to_dict() for f in self.findings],
        }


_SCHOOL = re.compile(r"^\s*(?P<name>[\u4e00-\u9fff（）()]{2,30}?(?:大学|学院|学校|分校|校区))")


def find_school(original: str) -> str | None:
    for line in original.split("\n"):
        if line.strip():
            m = _SCHOOL.match(normalize(line))
            return line.strip()[: len(m.group("name").strip())] if m else None
    return None


def _section_of(pos: int, headings: list[Heading]) -> str | None:
    best: Heading | None = None
    for h in headings:
        if h.keys and h.start <= pos < h.end and (best is None or h.start >= best.start):
            best = h
    if best is None:
        return None
    # a key-area sub-heading is also proactive; report the more specific key
    return "key_areas" if "key_areas" in best.keys else best.keys[0]


def _missing_message(key: str) -> str:
    item = rules()["sections"]["items"][key]
    note = f"；{item['note']}" if item.get("note") else ""
    return f"缺少“{item['label']}”部分（{item['basis']}{note}）"


def check(text: str, source: str | None = None) -> Report:
    original = tidy(text)
    norm = sections.break_run_on(normalize(original))

    period = period_mod.find_period(norm, original)
    headings = sections.find_headings(norm, original)
    found = sections.sections_found(headings, norm)
    declared = sections.find_declared(norm)
    declared_keys = declared.keys if declared else []
    missing = [k for k in required_sections() if k not in found and k not in declared_keys]

    figs = figures_mod.extract_figures(norm, original)
    for f in figs:
        f.section = _section_of(f.start, headings)

    findings: list[Finding] = []
    if period is None:
        findings.append(
            Finding("period_not_found", "未找到统计期限（如“统计期限为2024年9月1日至2025年8月31日”）", "warning")
        )
    elif period.inferred:
        findings.append(
            Finding(
                "period_inferred",
                f"报告未写明统计期限的起止日期，按“{period.text}”推定为"
                f"{period.start.year}年{period.start.month}月{period.start.day}日至"
                f"{period.end.year}年{period.end.month}月{period.end.day}日",
                "warning",
            )
        )
    for key in missing:
        item = rules()["sections"]["items"][key]
        findings.append(
            Finding("missing_section", _missing_message(key), "error" if item.get("verified", True) else "warning", key)
        )
    if declared:
        findings.extend(_declared_findings(declared, headings, found))
    for chk in sums.find_sums(norm, figs):
        if not chk.ok:
            findings.append(
                Finding(
                    "sum_mismatch",
                    sums.mismatch_message(chk),
                    "error" if chk.sum > chk.total.value else "warning",
                    chk.total.section,
                    chk.total.text,
                )
            )
    for imbalance in tables.check_tables(norm):
        section = "on_request" if imbalance.table == "applications" else "complaints"
        findings.append(Finding("table_imbalance", imbalance.message, "error", section, imbalance.row))
    for err in citations.find_citation_errors(norm, original):
        line_start = norm.rfind("\n", 0, err.start) + 1
        line_end = norm.find("\n", err.end)
        line_end = len(norm) if line_end < 0 else line_end
        passage = original[max(line_start, err.start - 20) : min(line_end, err.end + 20)]
        findings.append(Finding("wrong_citation", err.message(), "error", None, passage))

    school = find_school(original)
    return Report(
        source=source,
        school=school,
        period=period,
        declared=declared,
        headings=headings,
        sections=found,
        missing_sections=missing,
        figures=figs,
        findings=findings,
        key_figures=keyfigures.key_figures(norm, headings, figs, school and normalize(school)),
    )


def _declared_findings(declared: Declared, headings: list[Heading], found: list[str]) -> list[Finding]:
    out: list[Finding] = []
    listed = len(declared.parts)
    top = min((h.level for h in headings), default=1)
    top_count = sum(1 for h in headings if h.level == top)
    if declared.count is not None and listed and declared.count != listed:
        out.append(
            Finding(
                "declared_count_mismatch",
                f"报告开头称共{declared.count}个部分，但列出了{listed}个：{'、'.join(declared.parts)}",
                "error",
                text=declared.text,
            )
        )
    if not listed:
        # "本报告共分七个部分。" names none: compare the number with the top-level headings
        if declared.count is not None and headings and declared.count != top_count:
            out.append(
                Finding(
                    "declared_count_mismatch",
                    f"报告开头称共{declared.count}个部分，但正文有{top_count}个一级标题",
                    "error",
                    text=declared.text,
                )
            )
        return out
    extra = [k for k in found if k not in declared.keys and k not in NOT_PARTS]
    for key in extra:
        stated = f"开头称共{declared.count}个部分" if declared.count is not None else "开头列出的部分"
        out.append(
            Finding(
                "undeclared_section",
                f"正文有“{section_label(key)}”部分，但报告开头列出的部分中没有（{stated}，正文有{top_count}个一级标题）",
                "warning",
                key,
            )
        )
    for key in declared.keys:
        if key not in found and key not in NOT_PARTS:
            out.append(
                Finding(
                    "declared_section_missing",
                    f"报告开头列出了“{section_label(key)}”部分，但正文没有相应的标题",
                    "warning",
                    key,
                )
            )
    return out


def check_path(path: str | Path) -> Report:
    """Read a txt/docx/pdf and check it; raises :class:`~.read.ReadError` when unreadable."""
    return check(read_path(path), source=str(path))


__all__ = ["Finding", "Report", "check", "check_path"]
