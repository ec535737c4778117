"""What the section builders share, queried once per report: the rules, the parts and areas, the
departments' entries, the office's edits and the figures counted from records, applications and letters."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from xxgk.core import periods
from xxgk.publishing.models import ChannelTally
from xxgk.reporting import stats
from xxgk.reporting.annual.document import Section
from xxgk.reporting.annual.formatting import cn_date
from xxgk.reporting.loader import ensure_sections, rules
from xxgk.reporting.models import ProcurementResult, ReportSection, SectionParagraph, YearlyFigure


@dataclass
class ReportContext:
    institution: object
    start: date
    end: date
    rules: dict
    today: date | None
    narrative: dict[str, str]  # the office's edits (AnnualReport.narrative), by section key
    parts: list[ReportSection]
    areas: list[ReportSection]
    paragraphs: dict[str, list[SectionParagraph]]
    figures: dict[str, list[YearlyFigure]]
    procurement: list[tuple[str, Decimal]]  # (kind, amount) of the results completed in the period
    coverage: list[stats.ItemCoverage]
    summary: dict
    channels: list
    notes: dict[int, str]  # channel id → the note of its tally
    timeliness: stats.Timeliness
    applications: stats.Applications
    oversight: stats.Oversight
    computed: dict = field(default_factory=dict)  # what the builders computed: Document.figures

    @classmethod
    def gather(cls, institution, start: date, end: date, *, report=None, today: date | None = None) -> ReportContext:
        """A fixed number of queries, whatever the number of records, applications or letters."""
        ensure_sections()
        sections = list(ReportSection.objects.all())
        paragraphs: dict[str, list[SectionParagraph]] = OrderedDict()
        for para in (
            SectionParagraph.objects.filter(institution=institution, period_start=start, period_end=end)
            .select_related("department")
            .order_by("order", "department__order", "id")
        ):
            paragraphs.setdefault(para.section, []).append(para)
        figures: dict[str, list[YearlyFigure]] = OrderedDict()
        for fig in (
            YearlyFigure.objects.filter(institution=institution, period_start__gte=start, period_end__lte=end)
            .select_related("department")
            .order_by("order", "id")
        ):
            figures.setdefault(fig.section, []).append(fig)
        procurement = list(
            ProcurementResult.objects.filter(
                institution=institution, completed_on__gte=start, completed_on__lte=end
            ).values_list("kind", "amount")
        )
        coverage = stats.coverage(institution, start, end)
        return cls(
            institution=institution,
            start=start,
            end=end,
            rules=rules(),
            today=today,
            narrative=dict(report.narrative) if report is not None else {},
            parts=[s for s in sections if s.kind == "section"],
            areas=[s for s in sections if s.kind == "area"],
            paragraphs=paragraphs,
            figures=figures,
            procurement=procurement,
            coverage=coverage,
            summary=stats.coverage_summary(coverage),
            channels=stats.channels(institution, start, end),
            notes=dict(
                ChannelTally.objects.filter(
                    channel__institution=institution, period_start__gte=start, period_end__lte=end
                )
                .exclude(note="")
                .values_list("channel_id", "note")
            ),
            timeliness=stats.timeliness(institution, start, end),
            applications=stats.applications(institution, start, end),
            oversight=stats.oversight(institution, start, end, today=today),
        )

    @property
    def period_text(self) -> str:
        return f"{cn_date(self.start)}至{cn_date(self.end)}"

    @property
    def period_label(self) -> str:
        return periods.of(self.start, self.end).label

    @property
    def period_word(self) -> str:
        """本学年, 本年度 or 本期, as the sentences refer to the period."""
        return periods.of(self.start, self.end).word

    def has_text(self, key: str) -> bool:
        """The office or a department wrote for this section."""
        return bool(self.paragraphs.get(key) or self.narrative.get(key))

    def narrative_for(self, key: str, default: str = "") -> list[tuple[str, str]]:
        """(text, key) pairs: the office's edit, else the paragraphs, else the default text."""
        if self.narrative.get(key):
            return [(t, key) for t in self.narrative[key].split("\n") if t.strip()]
        if self.paragraphs.get(key):
            return [(t.strip(), key) for p in self.paragraphs[key] for t in p.text.split("\n") if t.strip()]
        if not default:
            return []
        wording = {
            "period_label": self.period_label,
            "institution": self.institution.name,
            "office": self.institution.office_name,
        }
        return [(default.format(**wording), key)]

    def add_narrative(self, section: Section, default: str = "") -> None:
        for text, key in self.narrative_for(section.key, default):
            section.p(text, key)

    def add_figures(self, section: Section) -> None:
        """One sentence per department with the figures it entered for the section."""
        by_dept: dict[str, list[YearlyFigure]] = OrderedDict()
        for f in self.figures.get(section.key, []):
            by_dept.setdefault(f.department.name, []).append(f)
        for dept, items in by_dept.items():
            section.p(f"{self.period_word}{dept}填报的数据：" + "，".join(f"{f.label}{f.phrase}" for f in items) + "。")
