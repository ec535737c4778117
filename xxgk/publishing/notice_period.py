"""公示 periods: when a notice that runs `days` days from `start` ends, counted in working days or in
calendar days (some rules say 日, others 工作日). The first day of the period counts either way.

The kinds and the default are data (data/notice_period.json); the record keeps its own kind
(`Record.notice_day_kind`) and its end date (`Record.notice_end`), worked out here, never typed.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from xxgk.workdays import Calendar

DATA_FILE = Path(__file__).resolve().parent / "data" / "notice_period.json"
WORKDAYS = "workdays"
CALENDAR_DAYS = "calendar"
KINDS = (WORKDAYS, CALENDAR_DAYS)


@lru_cache(maxsize=1)
def _data() -> dict:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    if data["default_day_kind"] not in KINDS:
        raise ValueError(f"{DATA_FILE.name}: default_day_kind must be one of {KINDS}")
    return data


def default_day_kind() -> str:
    """The kind a new 公示 record starts with (the model field's default)."""
    return _data()["default_day_kind"]


def notice_end(start: date, days: int, kind: str, calendar: Calendar) -> date:
    """The last day of a 公示 of `days` days that begins on `start` (which counts as its first day):
    `days` working days on `calendar` for WORKDAYS, `days` calendar days for CALENDAR_DAYS."""
    if kind == CALENDAR_DAYS:
        return start + timedelta(days=days - 1)
    if kind != WORKDAYS:
        raise ValueError(f"unknown notice day kind: {kind!r}")
    return calendar.add(start, days, count_from_next_day=False).date
