"""The report's rules as data: data/report_sections.json (parts, areas, default wording, the academic
year and reminder dates), read once, and the parts and areas loaded into the rows the office edits."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from xxgk.reporting.models import ReportSection

DATA_FILE = Path(__file__).resolve().parent / "data" / "report_sections.json"


@cache
def rules() -> dict:
    """The parsed data file, read once per process (treat it as read-only)."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def ensure_sections() -> None:
    """Load the report's parts and areas from the data file; rows the office edited are kept."""
    data = rules()
    if ReportSection.objects.count() >= len(data["sections"]) + len(data["areas"]):
        return
    existing = set(ReportSection.objects.values_list("key", flat=True))
    rows = []
    for order, s in enumerate(data["sections"], start=1):
        if s["key"] not in existing:
            rows.append(
                ReportSection(
                    key=s["key"],
                    kind="section",
                    number=s["number"],
                    title=s["title"],
                    order=order,
                    required=s["required"],
                    verified=s["verified"],
                    basis=s["basis"],
                    source=s["source"],
                    default_text=s.get("default_text", ""),
                )
            )
    for order, a in enumerate(data["areas"], start=1):
        if a["key"] not in existing:
            rows.append(
                ReportSection(
                    key=a["key"],
                    kind="area",
                    title=a["title"],
                    order=order,
                    key_area=a.get("key_area", False),
                    category=a.get("category"),
                )
            )
    ReportSection.objects.bulk_create(rows, ignore_conflicts=True)


def section_keys() -> set[str]:
    ensure_sections()
    return set(ReportSection.objects.values_list("key", flat=True))
