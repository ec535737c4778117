"""The province's yearly round of annual reports (督查): for one academic year, every institution the supervisor
oversees — those on the platform with the report they published here, those outside it with the report the
supervisor uploaded or linked (`oversight.round_reports`) — with when it was published against the deadline
(31 October of the year the period ends, `reporting/data/report_sections.json` `reminder`), the sections it
lacks, the checker's findings, the balance of its 依申请公开 table and its key figures.

A platform report is checked from the text the report builder gives (as the 年报检查 of a draft does), cached
per report and revision; an outside report's result was stored when its file was checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk.core import periods
from xxgk.org.models import Institution
from xxgk.org.policy import can
from xxgk.oversight.models import CheckState, OutsideInstitution, OutsideReport, RoundReminder
from xxgk.oversight.round_reports import PROBLEMS, checked, problem_label
from xxgk.reportcheck.compare import COLUMNS
from xxgk.reportcheck.rules import section_label
from xxgk.reporting.loader import rules
from xxgk.reporting.models import AnnualReport

KEY_FIGURES = [
    (k, label) for k, label in COLUMNS if k in ("website_items", "wechat_posts", "applications", "complaints")
]
SHOWN = {"late": "逾期", "incomplete": "内容不全", "missing": "未发布"}
SORTS = {"name": "学校", "published": "发布日期", "findings": "问题数", "missing": "缺少部分数"}
CACHE_SECONDS = 7 * 24 * 3600


def deadline_of(period: periods.Period) -> date:
    """31 October of the year the period ends (the data file's `reminder`, as the office's 待办 counts it)."""
    r = rules()["reminder"]
    return date(period.end.year, r["deadline_month"], r["deadline_day"])


def overseen(user):
    """The platform institutions and the outside ones `user` reviews in the round (none unless `review_round`:
    the supervising authority oversees every institution of the deployment)."""
    if not can(user, "review_round"):
        return Institution.objects.none(), OutsideInstitution.objects.none()
    return Institution.objects.order_by("name"), OutsideInstitution.objects.order_by("name")


@dataclass
class RoundRow:
    key: str  # "p-<slug>" for a platform institution, "o-<id>" for an outside one
    name: str
    on_platform: bool
    institution: object
    deadline: date
    today: date
    published_on: date | None = None
    source_url: str = ""  # the public page or the link the supervisor gave
    check_state: str = ""  # CheckState, or "" when there is no report
    check_error: str = ""
    result: dict = field(default_factory=dict)
    reminded_on: date | None = None
    report_id: int | None = None  # the AnnualReport or OutsideReport

    @property
    def published(self) -> bool:
        return self.published_on is not None

    @property
    def on_time(self) -> bool | None:
        return None if self.published_on is None else self.published_on <= self.deadline

    @property
    def days_late(self) -> int:
        return max(((self.published_on or self.today) - self.deadline).days, 0)

    @property
    def checked(self) -> bool:
        return bool(self.result)

    @property
    def missing_sections(self) -> list[str]:
        return [section_label(k) for k in self.result.get("missing_sections", [])]

    @property
    def findings(self) -> list[dict]:
        return list(self.result.get("findings", []))

    @property
    def findings_count(self) -> int | None:
        return len(self.findings) if self.checked else None

    @property
    def imbalances(self) -> list[dict]:
        return [f for f in self.findings if f.get("code") == "table_imbalance"]

    @property
    def table_balance(self) -> str:
        if not self.checked:
            return ""
        if self.imbalances:
            return _("不平衡（%(n)s处）") % {"n": len(self.imbalances)}
        return _("平衡") if self.result.get("tables_read") else _("未读到表格")

    @property
    def key_figures(self) -> list[tuple[str, object]]:
        figures = self.result.get("key_figures") or {}
        return [(label, figures.get(k)) for k, label in KEY_FIGURES]

    @property
    def problems(self) -> tuple[str, ...]:
        out = []
        if not self.published:
            out.append("missing")
        if (self.published_on or self.today) > self.deadline:
            out.append("late")
        if self.missing_sections:
            out.append("incomplete")
        return tuple(p for p in PROBLEMS if p in out)

    @property
    def problem_labels(self) -> list[str]:
        return [problem_label(p) for p in self.problems]

    @property
    def open_url(self) -> str:
        if self.report_id is None:
            return ""
        if self.on_platform:
            return reverse("reporting_staff:round_platform_report", args=[self.report_id])
        return reverse("reporting_staff:round_outside_report", args=[self.report_id])


def platform_check(report: AnnualReport) -> dict:
    """The checker's result for a published platform report, from the builder's text (cached per revision)."""
    return platform_check_and_text(report)[0]


def platform_check_and_text(report: AnnualReport) -> tuple[dict, str]:
    from xxgk.reporting import annual

    key = f"xxgk:round-check:{report.pk}:{report.revision}:{report.record_id}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    doc = annual.build(report.institution, report.period_start, report.period_end, report=report, with_charts=False)
    text = doc.plain_text()
    value = (checked(text, f"{report.institution.name}年度报告"), text)
    cache.set(key, value, CACHE_SECONDS)
    return value


def rows(user, period: periods.Period, *, today: date | None = None) -> list[RoundRow]:
    """One row per institution `user` oversees, by name."""
    today = today or timezone.localdate()
    deadline = deadline_of(period)
    platform, outside = overseen(user)
    published = {
        r.institution_id: r
        for r in AnnualReport.objects.published(period.start, period.end).filter(institution__in=platform)
    }
    reminded: dict[int, date] = {}
    for inst_id, sent_on in (
        RoundReminder.objects.of_period(period.start, period.end)
        .order_by("sent_on")
        .values_list("institution_id", "sent_on")
    ):
        reminded[inst_id] = sent_on
    out = []
    for inst in platform:
        row = RoundRow(
            key=f"p-{inst.slug}",
            name=inst.name,
            on_platform=True,
            institution=inst,
            deadline=deadline,
            today=today,
            reminded_on=reminded.get(inst.pk),
        )
        report = published.get(inst.pk)
        if report is not None:
            row.published_on = timezone.localdate(report.record.published_at)
            row.source_url = reverse("portal:record", args=[inst.slug, report.record_id])
            row.report_id = report.pk
            row.result = platform_check(report)
            row.check_state = CheckState.CHECKED
        out.append(row)
    filed = OutsideReport.objects.filter(school__in=outside).latest_by_institution(period.start, period.end)
    for inst in outside:
        row = RoundRow(
            key=f"o-{inst.pk}", name=inst.name, on_platform=False, institution=inst, deadline=deadline, today=today
        )
        report = filed.get(inst.pk)
        if report is not None:
            row.published_on = report.published_on
            row.source_url = report.url
            row.report_id = report.pk
            row.result = report.result or {}
            row.check_state = report.check_state
            row.check_error = report.check_error
        out.append(row)
    return sorted(out, key=lambda r: r.name)


def shown(all_rows: list[RoundRow], show: str | None, sort: str | None) -> list[RoundRow]:
    """The rows a filter (`SHOWN`) keeps, in the order asked for (`SORTS`; by name otherwise)."""
    kept = [r for r in all_rows if not show or show in r.problems]
    if sort == "published":
        return sorted(kept, key=lambda r: (r.published_on is None, r.published_on or date.max, r.name))
    if sort == "findings":
        return sorted(kept, key=lambda r: (-(r.findings_count or 0), r.name))
    if sort == "missing":
        return sorted(kept, key=lambda r: (-len(r.missing_sections), r.name))
    return kept


def summary(all_rows: list[RoundRow]) -> dict:
    return {
        "total": len(all_rows),
        "published": sum(1 for r in all_rows if r.published),
        "on_time": sum(1 for r in all_rows if r.on_time),
        "late": sum(1 for r in all_rows if "late" in r.problems),
        "incomplete": sum(1 for r in all_rows if "incomplete" in r.problems),
        "missing": sum(1 for r in all_rows if "missing" in r.problems),
        "complete": sum(1 for r in all_rows if r.checked and not r.missing_sections),
    }


def to_remind(all_rows: list[RoundRow]):
    """The institutions on the platform whose report is missing, late or incomplete (outside institutions have
    no office on the platform to remind)."""
    from xxgk.oversight.round_reports import Target

    return [
        Target(r.institution, r.problems, tuple(r.missing_sections), r.published_on)
        for r in all_rows
        if r.on_platform and r.problems
    ]
