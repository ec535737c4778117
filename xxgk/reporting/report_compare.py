"""A report's key figures beside what xxgk itself recorded for that institution and period:
"报告称网站发布1312条，系统记录为1310条"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from xxgk.org.models import Institution
from xxgk.org.policy import allowed
from xxgk.publishing.stats import channel_counts
from xxgk.reporting import stats

LABELS = {
    "website_items": ("网站发布", "条"),
    "applications": ("收到依申请公开申请", "件"),
    "complaints": ("收到举报", "件"),
}


@dataclass(frozen=True)
class Comparison:
    key: str
    label: str
    reported: int | float
    recorded: int
    unit: str

    @property
    def same(self) -> bool:
        return self.reported == self.recorded

    @property
    def message(self) -> str:
        return f"报告称{self.label}{self.reported:g}{self.unit}，系统记录为{self.recorded}{self.unit}"


def recorded(institution, start: date, end: date) -> dict[str, int]:
    """What the platform counted in [start, end]: items on the school website's columns logged item by
    item (as the generated report counts them), applications received, complaints filed."""
    website = sum(c.count for c in stats.website_channels(channel_counts(institution, start, end)))
    return {
        "website_items": website,
        "applications": stats.applications(institution, start, end).new,
        "complaints": stats.oversight(institution, start, end).complaints,
    }


def compare(institution, start: date, end: date, key_figures: dict) -> list[Comparison]:
    counts = recorded(institution, start, end)
    out = []
    for key, (label, unit) in LABELS.items():
        reported = key_figures.get(key)
        if reported is not None:
            out.append(Comparison(key, label, reported, counts[key], unit))
    return out


def with_platform(user, report: dict) -> dict:
    """For a checked report (workbench 年报检查) of an institution on the platform whose figures this person
    may read, its key figures beside what the platform recorded for the report's period."""
    period, school = report.get("period"), (report.get("school") or "").strip()
    if report.get("error") or not period or not school:
        return report
    institution = allowed(user, "view_office", Institution).filter(Q(name=school) | Q(short_name=school)).first()
    if institution is None:
        return report
    start, end = date.fromisoformat(period["start"]), date.fromisoformat(period["end"])
    report["platform"] = {
        "institution": institution,
        "comparisons": compare(institution, start, end, report.get("key_figures") or {}),
    }
    return report
