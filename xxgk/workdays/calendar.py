"""The working-day calendar: official Chinese calendar plus an override table.

Sources, in order of precedence:

1. ``override`` – a date the office has set by hand (a new year's State Council
   notice the bundled data does not have yet, or a local correction);
2. ``official`` – the ``chinese_calendar`` package (make-up weekend days, 调休
   上班日, are workdays; statutory holidays and the days swapped for them are
   not);
3. ``weekend_rule`` – for years outside the package's data: Monday to Friday
   are workdays. Such a day is *unknown*: the answer may be wrong, and every
   result that rests on it lists it in ``unknown_dates``.

No Django here: the web layer builds the override mapping from its table.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar

OVERRIDE = "override"
OFFICIAL = "official"
WEEKEND_RULE = "weekend_rule"

_ONE_DAY = timedelta(days=1)


def official_years() -> tuple[int, int] | None:
    """First and last year the bundled ``chinese_calendar`` data covers, if known."""
    try:
        from chinese_calendar.constants import holidays
    except ImportError:  # pragma: no cover - a future layout of the package
        return None
    years = [d.year for d in holidays]
    return (min(years), max(years)) if years else None


def _as_date(d: date) -> date:
    if isinstance(d, _dt.datetime):
        return d.date()
    if not isinstance(d, date):
        raise TypeError(f"日期类型有误：{d!r}")
    return d


def _chinese_holiday_name(detail: object) -> str:
    """The package gives an English name ("Spring Festival"); show "春节"."""
    chinese = getattr(detail, "chinese", None)
    if chinese:
        return chinese
    try:
        from chinese_calendar.constants import Holiday

        return Holiday(detail).chinese
    except (ImportError, ValueError):
        return str(detail)


@dataclass(frozen=True)
class DayInfo:
    """What the calendar says about one date.

    ``holiday`` is the Chinese name of the festival the package ties the date
    to (e.g. "春节"); for a make-up workday it names the holiday it makes up for.
    ``known`` is False only for the weekend-rule fallback.
    """

    date: date
    is_workday: bool
    source: str
    known: bool
    holiday: str | None = None

    @property
    def is_makeup_workday(self) -> bool:
        """A Saturday or Sunday that is a workday (调休上班日)."""
        return self.is_workday and self.date.weekday() >= 5


@dataclass(frozen=True)
class Span:
    """The result of :meth:`Calendar.add`: a date and the unknown dates it rests on."""

    date: date
    unknown_dates: tuple[date, ...] = ()

    @property
    def certain(self) -> bool:
        """True when every date used is covered by the override table or official data."""
        return not self.unknown_dates


@dataclass(frozen=True)
class Count:
    """The result of :meth:`Calendar.between`: a number of working days."""

    working_days: int
    unknown_dates: tuple[date, ...] = ()

    @property
    def certain(self) -> bool:
        """True when every date counted is covered by the override table or official data."""
        return not self.unknown_dates

    def __int__(self) -> int:
        return self.working_days


class Calendar:
    """Working days per the official calendar, with overrides winning.

    ``overrides`` maps a date to whether it is a workday; it is copied, so
    later changes to the mapping do not reach the calendar (and its cache).
    """

    def __init__(self, overrides: Mapping[date, bool] | None = None) -> None:
        self._overrides: dict[date, bool] = {_as_date(d): bool(v) for d, v in (overrides or {}).items()}
        self._cache: dict[date, DayInfo] = {}

    @property
    def overrides(self) -> Mapping[date, bool]:
        """A copy of the override table."""
        return dict(self._overrides)

    def day(self, d: date) -> DayInfo:
        """Everything the calendar knows about date ``d``."""
        d = _as_date(d)
        info = self._cache.get(d)
        if info is None:
            info = self._cache[d] = self._lookup(d)
        return info

    def _lookup(self, d: date) -> DayInfo:
        holiday = None
        try:
            # (is_holiday, name): make-up days come back (False, name).
            rest, detail = chinese_calendar.get_holiday_detail(d)
            official = not rest
        except NotImplementedError:
            official = None
        else:
            if detail is not None:
                holiday = _chinese_holiday_name(detail)
        if d in self._overrides:
            return DayInfo(d, self._overrides[d], OVERRIDE, True, holiday)
        if official is None:
            return DayInfo(d, d.weekday() < 5, WEEKEND_RULE, False, None)
        return DayInfo(d, official, OFFICIAL, True, holiday)

    def is_workday(self, d: date) -> bool:
        """Whether ``d`` is a working day."""
        return self.day(d).is_workday

    def add(self, start: date, n: int, *, count_from_next_day: bool = True) -> Span:
        """The date that is ``n`` working days after ``start``.

        Counting begins the day after ``start`` (the statutory default, "自收到
        之日的次日起算"). With ``count_from_next_day=False`` the start day is
        itself the first day counted when it is a workday. ``n == 0`` returns
        ``start`` unchanged. Every date examined that the calendar does not know
        is listed in ``unknown_dates``.
        """
        start = _as_date(start)
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"工作日天数必须是整数：{n!r}")
        if n < 0:
            raise ValueError(f"工作日天数不能为负数：{n}")
        if n == 0:
            return Span(start)
        current = start if not count_from_next_day else start + _ONE_DAY
        unknown: list[date] = []
        counted = 0
        while True:
            info = self.day(current)
            if not info.known:
                unknown.append(current)
            if info.is_workday:
                counted += 1
                if counted == n:
                    return Span(current, tuple(unknown))
            current += _ONE_DAY

    def between(self, a: date, b: date, *, skip: Callable[[date], bool] | None = None) -> Count:
        """Working days after ``a`` up to and including ``b``, leaving out the days ``skip`` is true for.

        ``between(formed, published)`` is how many working days publication
        took. When ``b`` is on or before ``a`` the count is 0 (never negative).
        """
        a, b = _as_date(a), _as_date(b)
        unknown: list[date] = []
        counted = 0
        current = a + _ONE_DAY
        while current <= b:
            if skip is not None and skip(current):
                current += _ONE_DAY
                continue
            info = self.day(current)
            if not info.known:
                unknown.append(current)
            if info.is_workday:
                counted += 1
            current += _ONE_DAY
        return Count(counted, tuple(unknown))


def unknown_dates_warning(dates: Iterable[date], *, limit: int = 3) -> str | None:
    """A Chinese warning naming dates the calendar had to guess, or None if there are none."""
    dates = sorted(set(dates))
    if not dates:
        return None
    shown = "、".join(f"{d:%Y-%m-%d}" for d in dates[:limit])
    shown += f" 等{len(dates)}个日期" if len(dates) > limit else " "
    years = official_years()
    coverage = f"chinesecalendar 覆盖{years[0]}至{years[1]}年" if years else "chinesecalendar"
    return f"注意：{shown}超出内置官方日历（{coverage}），按周末规则推算，请在工作日覆盖表中核对。"
