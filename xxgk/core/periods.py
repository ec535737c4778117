"""The period a statistics page or the annual report covers: an academic year, a calendar year or a
range of dates, read from a query string without ever failing (`choose`).

The academic year's first day is data (`core/data/periods.json`). The years offered are those with
data: the caller passes the dates its own querysets found (`months_with_data` of each app), so a page
lists and defaults to years where something happened, never to an empty current year."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

from xxgk.core.params import MAX_YEAR, year_param

ACADEMIC, CALENDAR, RANGE = "academic", "calendar", "range"
MIN_YEAR = 1900  # earlier dates are typing errors, not periods anyone reports on


@lru_cache(maxsize=1)
def year_start() -> tuple[int, int]:
    data = json.loads((Path(__file__).parent / "data" / "periods.json").read_text(encoding="utf-8"))
    start = data["academic_year_start"]
    return start["month"], start["day"]


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    kind: str = RANGE

    @property
    def label(self) -> str:
        if self.kind == ACADEMIC:
            return f"{self.start.year}—{self.start.year + 1}学年"
        if self.kind == CALENDAR:
            return f"{self.start.year}年"
        return f"{_cn(self.start)}至{_cn(self.end)}"

    @property
    def word(self) -> str:
        """How a sentence refers to the period: 本学年, 本年度, 本期."""
        return {ACADEMIC: "本学年", CALENDAR: "本年度"}.get(self.kind, "本期")

    @property
    def year(self) -> str:
        """'2022-2023' for an academic year (the form the `year` parameter and file names use), else ''."""
        return f"{self.start.year}-{self.start.year + 1}" if self.kind == ACADEMIC else ""

    @property
    def value(self) -> str:
        """The picker's option value."""
        if self.kind == ACADEMIC:
            return f"ay:{self.start.year}"
        if self.kind == CALENDAR:
            return f"cy:{self.start.year}"
        return RANGE

    @property
    def params(self) -> dict[str, str]:
        if self.kind == ACADEMIC:
            return {"year": self.year}
        if self.kind == CALENDAR:
            return {"cy": str(self.start.year)}
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}

    @property
    def query(self) -> str:
        """The query-string part that selects this period again (`year=2022-2023`)."""
        return urlencode(self.params)

    @property
    def slug(self) -> str:
        """For file names: 2022-2023, 2023, 20230101-20230630."""
        if self.kind == ACADEMIC:
            return self.year
        if self.kind == CALENDAR:
            return str(self.start.year)
        return f"{self.start:%Y%m%d}-{self.end:%Y%m%d}"


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def academic_year(first: int) -> Period:
    month, day = year_start()
    return Period(date(first, month, day), date(first + 1, month, day) - timedelta(days=1), ACADEMIC)


def calendar_year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), CALENDAR)


def academic_first_year(d: date) -> int:
    """The first calendar year of the academic year `d` falls in."""
    return d.year if (d.month, d.day) >= year_start() else d.year - 1


def of(start: date, end: date) -> Period:
    """The period from `start` to `end`, known as its academic or calendar year when it is one."""
    for p in (academic_year(academic_first_year(start)), calendar_year(start.year)):
        if (p.start, p.end) == (start, end):
            return p
    return Period(start, end, RANGE)


def parse_academic_year(text) -> int | None:
    """'2022-2023', '2022—2023' or '2022' → 2022; None for anything else."""
    parts = str(text or "").strip().replace("—", "-").split("-")
    first = year_param(parts[0]) if parts[0].isdigit() else None
    if first is None or not MIN_YEAR <= first < MAX_YEAR or len(parts) > 2:
        return None
    if len(parts) == 2 and (not parts[1].isdigit() or int(parts[1]) != first + 1):
        return None
    return first


def _date(text) -> date | None:
    try:
        d = date.fromisoformat(str(text or "").strip())
    except ValueError:
        return None
    return d if MIN_YEAR <= d.year <= MAX_YEAR else None


def from_params(params: Mapping) -> Period | None:
    """The period a query string asks for, or None when it asks for none or for nothing valid.

    `period=ay:2022` / `period=cy:2023` (the picker's select), `period=range` with `start` and `end`,
    and the short forms `year=2022-2023`, `cy=2023`, or `start` and `end` alone."""
    chosen = str(params.get("period") or "")
    kind, _, number = chosen.partition(":")
    if kind == "ay":
        first = parse_academic_year(number)
        return academic_year(first) if first is not None else None
    if kind == "cy":
        year = year_param(number) if number.isdigit() else None
        return calendar_year(year) if year and MIN_YEAR <= year <= MAX_YEAR else None
    if chosen == RANGE or (not chosen and "start" in params):
        start, end = _date(params.get("start")), _date(params.get("end"))
        return of(start, end) if start and end and start <= end else None
    if params.get("year"):
        first = parse_academic_year(params.get("year"))
        return academic_year(first) if first is not None else None
    if params.get("cy"):
        year = year_param(params.get("cy"))
        return calendar_year(year) if year and MIN_YEAR <= year <= MAX_YEAR else None
    return None


def _asked(params: Mapping) -> bool:
    return any(params.get(k) for k in ("period", "year", "cy", "start", "end"))


@dataclass
class PeriodChoice:
    """The period a page shows and what its picker offers."""

    period: Period
    academic: list[Period] = field(default_factory=list)  # years with data, newest first
    calendar: list[Period] = field(default_factory=list)
    has_data: bool = False  # the period holds any of the dates the page was given
    ignored: bool = False  # the request asked for a period that could not be read

    @property
    def custom(self) -> bool:
        return self.period.kind == RANGE

    @property
    def query(self) -> str:
        return self.period.query


def choose(params: Mapping, dates: Iterable[date], *, today: date) -> PeriodChoice:
    """The period asked for in `params`, else the latest academic year in which `dates` (the days or
    months something happened: records published, applications or letters received) fall; with no
    dates at all, the academic year of `today`. Bad values are ignored, never an error."""
    days = sorted({d for d in dates if d is not None})
    academic = [academic_year(y) for y in sorted({academic_first_year(d) for d in days}, reverse=True)]
    calendar = [calendar_year(y) for y in sorted({d.year for d in days}, reverse=True)]
    asked = from_params(params)
    period = asked or (academic[0] if academic else academic_year(academic_first_year(today)))
    offered = {p.value for p in academic + calendar}
    if period.kind != RANGE and period.value not in offered:  # the year shown is always in the list
        (academic if period.kind == ACADEMIC else calendar).append(period)
        academic.sort(key=lambda p: p.start, reverse=True)
        calendar.sort(key=lambda p: p.start, reverse=True)
    return PeriodChoice(
        period,
        academic,
        calendar,
        has_data=any(period.start <= d <= period.end for d in days),
        ignored=asked is None and _asked(params),
    )
