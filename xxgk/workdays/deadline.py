"""The statutory clock for information-disclosure applications and letters.

The numbers are data (``presets.json``), not code: several of them are not
verified against the regulation text and an office must be able to change
them. Semantics:

* the clock starts on the day the application was received, or on
  ``clock_start`` when it restarts (补正: from the day the supplemented
  application arrived);
* counting begins the next day unless the rule says otherwise;
* a pause (start, end) stops the clock for the working days from start to
  end inclusive (third-party consultation, 征求意见所需时间不计入期限);
* an extension adds the rule's ``extension_days``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from types import MappingProxyType

from .calendar import Calendar, Count

ON_TRACK = "on_track"
DUE_SOON = "due_soon"
OVERDUE = "overdue"
PAUSED = "paused"

STATUS_LABELS: Mapping[str, str] = MappingProxyType(
    {ON_TRACK: "正常", DUE_SOON: "即将到期", OVERDUE: "已逾期", PAUSED: "计时暂停"}
)

DEFAULT_DUE_SOON_WITHIN = 3

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class DeadlineRule:
    """How many working days a reply may take, and related periods.

    ``consultation_days`` is the time a consulted third party has to answer;
    ``correction_notice_days`` the time to tell the applicant what to
    supplement (补正告知). ``basis`` says where the numbers come from.
    """

    days: int
    extension_days: int = 0
    count_from_next_day: bool = True
    name: str = ""
    label: str = ""
    consultation_days: int = 15
    correction_notice_days: int = 7
    basis: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        for attr in ("days", "extension_days", "consultation_days", "correction_notice_days"):
            value = getattr(self, attr)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"期限规则的天数必须是非负整数：{attr}={value!r}")


def _load_presets() -> Mapping[str, DeadlineRule]:
    text = resources.files(__package__).joinpath("presets.json").read_text(encoding="utf-8")
    return MappingProxyType({name: DeadlineRule(name=name, **fields) for name, fields in json.loads(text).items()})


PRESETS: Mapping[str, DeadlineRule] = _load_presets()
"""Preset rules by name: "university" (15+15) and "government" (20+20)."""


def preset(name: str) -> DeadlineRule:
    """The preset rule called ``name``; KeyError with the known names otherwise."""
    try:
        return PRESETS[name]
    except KeyError:
        raise KeyError(f"没有名为“{name}”的期限规则，可选：{'、'.join(PRESETS)}") from None


@dataclass(frozen=True)
class Due:
    """When a reply is due.

    ``date`` is None while the clock is paused (an open pause). Then
    ``working_days_used`` says how many working days ran before the pause;
    otherwise it equals ``working_days_allowed``.
    """

    date: date | None
    working_days_allowed: int
    clock_start: date
    unknown_dates: tuple[date, ...] = ()
    paused: bool = False
    working_days_used: int = 0
    provisional_dates: tuple[date, ...] = ()

    @property
    def provisional(self) -> bool:
        """True when a date decided by the statutory rules (暂定) affects the answer."""
        return bool(self.provisional_dates)

    @property
    def certain(self) -> bool:
        """True when no date the calendar had to guess or could only compute provisionally affects the answer."""
        return not self.unknown_dates and not self.provisional_dates

    @property
    def working_days_remaining_at_pause(self) -> int | None:
        """While paused, the working days still left on the clock."""
        return self.working_days_allowed - self.working_days_used if self.paused else None


def compute_due(
    received: date,
    rule: DeadlineRule,
    *,
    clock_start: date | None = None,
    pauses: Sequence[tuple[date, date | None]] = (),
    extended: bool = False,
    calendar: Calendar,
) -> Due:
    """The due date of a reply received on ``received`` under ``rule``.

    An open pause (end None) that begins before the clock runs out leaves the
    due date unknown: ``Due.paused`` is True and ``Due.date`` None. An open
    pause that begins after the due date changes nothing (the time had already
    run out).
    """
    for start, end in pauses:
        if end is not None and end < start:
            raise ValueError(f"暂停区间有误：结束日期 {end:%Y-%m-%d} 早于开始日期 {start:%Y-%m-%d}")
    start = clock_start or received
    allowed = rule.days + (rule.extension_days if extended else 0)

    def paused_on(d: date) -> tuple[bool, bool]:
        """(in a pause, in an open pause)"""
        for p_start, p_end in pauses:
            if p_start <= d and (p_end is None or d <= p_end):
                return True, p_end is None
        return False, False

    if allowed == 0:
        return Due(start, 0, start)
    current = start if not rule.count_from_next_day else start + _ONE_DAY
    unknown: list[date] = []
    provisional: list[date] = []
    counted = 0
    while True:
        stopped, open_pause = paused_on(current)
        if open_pause:
            return Due(
                None,
                allowed,
                start,
                tuple(unknown),
                paused=True,
                working_days_used=counted,
                provisional_dates=tuple(provisional),
            )
        if not stopped:
            info = calendar.day(current)
            if not info.known:
                unknown.append(current)
            if info.provisional:
                provisional.append(current)
            if info.is_workday:
                counted += 1
                if counted == allowed:
                    return Due(
                        current,
                        allowed,
                        start,
                        tuple(unknown),
                        working_days_used=counted,
                        provisional_dates=tuple(provisional),
                    )
        current += _ONE_DAY


def working_days_used(
    clock_start: date,
    end: date,
    *,
    pauses: Sequence[tuple[date, date | None]] = (),
    calendar: Calendar,
) -> Count:
    """Working days the clock ran from ``clock_start`` to ``end``: the days after ``clock_start`` up to and
    including ``end``, leaving out paused days (a pause covers its start to its end inclusive; an open pause,
    end None, runs on). 0 when ``end`` is on or before ``clock_start``.

    How long a closed application took (``working_days_taken``).
    """

    def paused(day: date) -> bool:
        return any(start <= day and (stop is None or day <= stop) for start, stop in pauses)

    return calendar.between(clock_start, end, skip=paused if pauses else None)


def working_days_left(due: Due, today: date, calendar: Calendar) -> int | None:
    """Working days after ``today`` up to and including the due date.

    0 on the due date itself. After the due date the value is negative: minus
    the working days elapsed since it, and at most -1, so a weekend right after
    the due date already reads as overdue. None while the clock is paused.
    """
    if due.date is None:
        return None
    if today <= due.date:
        return calendar.between(today, due.date).working_days
    return -max(1, calendar.between(due.date, today).working_days)


def due_status(
    due: Due,
    today: date,
    calendar: Calendar,
    *,
    due_soon_within: int = DEFAULT_DUE_SOON_WITHIN,
) -> str:
    """ "on_track", "due_soon" (at most ``due_soon_within`` working days left), "overdue" or "paused"."""
    left = working_days_left(due, today, calendar)
    if left is None:
        return PAUSED
    if left < 0:
        return OVERDUE
    if left <= due_soon_within:
        return DUE_SOON
    return ON_TRACK
