"""The working-day calendar: official Chinese calendar plus an override table.

Sources, in order of precedence:

1. ``closure`` – a day one institution is closed (its own closures; only that
   institution's calendar has them): a rest day;
2. ``override`` – a date set by hand for the whole deployment (a local
   correction, or a date the bundled data gets wrong);
3. ``arrangement`` – a year whose official arrangement (the State Council's
   notice) the administrator has entered: its listed holidays and make-up
   workdays, every other day Monday to Friday. Firm;
4. ``official`` – the ``chinese_calendar`` package (make-up weekend days, 调休
   上班日, are workdays; statutory holidays and the days swapped for them are
   not);
5. ``statutory_rule`` – a year after the package's data: the statutory holidays
   computed from the rules (``statutory.py``), Monday to Friday otherwise. Such a
   day is *provisional* (暂定): the 调休 swaps are not known yet, and every result
   that rests on it lists it in ``provisional_dates``;
6. ``weekend_rule`` – a year before the package's data (or the rules): Monday to
   Friday are workdays. Such a day is *unknown*, listed in ``unknown_dates``.

No Django here: the web layer builds the mappings from its tables.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar

from . import statutory

CLOSURE = "closure"
OVERRIDE = "override"
ARRANGEMENT = "arrangement"
OFFICIAL = "official"
STATUTORY_RULE = "statutory_rule"
WEEKEND_RULE = "weekend_rule"

FIRM = "firm"
PROVISIONAL = "provisional"
UNKNOWN = "unknown"

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
    ``known`` is False only for the weekend-rule fallback; ``provisional`` is
    True for a day decided by the statutory rules (暂定: the year's 调休 swaps
    are not known yet).
    """

    date: date
    is_workday: bool
    source: str
    known: bool
    holiday: str | None = None
    provisional: bool = False

    @property
    def is_makeup_workday(self) -> bool:
        """A Saturday or Sunday that is a workday (调休上班日)."""
        return self.is_workday and self.date.weekday() >= 5


@dataclass(frozen=True)
class Span:
    """The result of :meth:`Calendar.add`: a date and the unknown and provisional dates it rests on."""

    date: date
    unknown_dates: tuple[date, ...] = ()
    provisional_dates: tuple[date, ...] = ()

    @property
    def provisional(self) -> bool:
        """True when a date used was decided by the statutory rules (暂定)."""
        return bool(self.provisional_dates)

    @property
    def certain(self) -> bool:
        """True when every date used is firm: closures, overrides, an entered arrangement or official data."""
        return not self.unknown_dates and not self.provisional_dates


@dataclass(frozen=True)
class Count:
    """The result of :meth:`Calendar.between`: a number of working days."""

    working_days: int
    unknown_dates: tuple[date, ...] = ()
    provisional_dates: tuple[date, ...] = ()

    @property
    def provisional(self) -> bool:
        """True when a date counted was decided by the statutory rules (暂定)."""
        return bool(self.provisional_dates)

    @property
    def certain(self) -> bool:
        """True when every date counted is firm: closures, overrides, an entered arrangement or official data."""
        return not self.unknown_dates and not self.provisional_dates

    def __int__(self) -> int:
        return self.working_days


class Calendar:
    """Working days per the official calendar, with overrides winning.

    ``overrides`` maps a date to whether it is a workday. ``arrangements`` maps
    a year to its entered official arrangement (date → workday: the holidays and
    the make-up workdays); such a year is firm. ``closures`` maps a date one
    institution is closed to a note. All are copied, so later changes to the
    mappings do not reach the calendar (and its cache).
    """

    def __init__(
        self,
        overrides: Mapping[date, bool] | None = None,
        *,
        arrangements: Mapping[int, Mapping[date, bool]] | None = None,
        closures: Mapping[date, str] | None = None,
    ) -> None:
        self._overrides: dict[date, bool] = {_as_date(d): bool(v) for d, v in (overrides or {}).items()}
        self._arranged_years = frozenset(int(y) for y in (arrangements or {}))
        self._arranged: dict[date, bool] = {
            _as_date(d): bool(v) for days in (arrangements or {}).values() for d, v in days.items()
        }
        self._closures: dict[date, str] = {_as_date(d): str(v or "") for d, v in (closures or {}).items()}
        self._cache: dict[date, DayInfo] = {}

    @property
    def overrides(self) -> Mapping[date, bool]:
        """A copy of the override table."""
        return dict(self._overrides)

    def year_status(self, year: int) -> str:
        """ "firm" (official data or an entered arrangement), "provisional" (statutory rules) or "unknown"."""
        if year in self._arranged_years:
            return FIRM
        years = official_years()
        if years and years[0] <= year <= years[1]:
            return FIRM
        if _statutory_year(year) is not None:
            return PROVISIONAL
        return UNKNOWN

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
        rules = _statutory_year(d.year) if official is None else None
        if holiday is None and rules is not None:
            holiday = rules.get(d)
        if d in self._closures:
            return DayInfo(d, False, CLOSURE, True, self._closures[d] or holiday)
        if d in self._overrides:
            return DayInfo(d, self._overrides[d], OVERRIDE, True, holiday)
        if d in self._arranged:
            return DayInfo(d, self._arranged[d], ARRANGEMENT, True, holiday)
        if official is not None:
            return DayInfo(d, official, OFFICIAL, True, holiday)
        if d.year in self._arranged_years:
            return DayInfo(d, d.weekday() < 5, ARRANGEMENT, True, None)
        if rules is not None:
            return DayInfo(d, d.weekday() < 5 and d not in rules, STATUTORY_RULE, True, holiday, provisional=True)
        return DayInfo(d, d.weekday() < 5, WEEKEND_RULE, False, None)

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
        provisional: list[date] = []
        counted = 0
        while True:
            info = self.day(current)
            if not info.known:
                unknown.append(current)
            if info.provisional:
                provisional.append(current)
            if info.is_workday:
                counted += 1
                if counted == n:
                    return Span(current, tuple(unknown), tuple(provisional))
            current += _ONE_DAY

    def between(self, a: date, b: date, *, skip: Callable[[date], bool] | None = None) -> Count:
        """Working days after ``a`` up to and including ``b``, leaving out the days ``skip`` is true for.

        ``between(formed, published)`` is how many working days publication
        took. When ``b`` is on or before ``a`` the count is 0 (never negative).
        """
        a, b = _as_date(a), _as_date(b)
        unknown: list[date] = []
        provisional: list[date] = []
        counted = 0
        current = a + _ONE_DAY
        while current <= b:
            if skip is not None and skip(current):
                current += _ONE_DAY
                continue
            info = self.day(current)
            if not info.known:
                unknown.append(current)
            if info.provisional:
                provisional.append(current)
            if info.is_workday:
                counted += 1
            current += _ONE_DAY
        return Count(counted, tuple(unknown), tuple(provisional))


def _statutory_year(year: int) -> Mapping[date, str] | None:
    """The statutory holidays of ``year`` when it is after the official data and the rules cover it, else None."""
    years = official_years()
    if years is None or year <= years[1]:
        return None
    try:
        return statutory.holidays(year)
    except (ImportError, ValueError):  # no lunar library, or a year the library cannot compute
        return None


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


def provisional_dates_warning(dates: Iterable[date]) -> str | None:
    """A Chinese note that a result is 暂定 (statutory rules, 调休 unknown), or None if no date is provisional."""
    years = sorted({d.year for d in dates})
    if not years:
        return None
    shown = "、".join(str(y) for y in years)
    return (
        f"暂定：{shown}年的放假安排尚未公布，按法定节假日规则推算（调休未知）；"
        "录入当年正式安排或升级日历包后将重新计算。"
    )
