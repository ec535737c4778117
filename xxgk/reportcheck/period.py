"""The statistics period a report states.

Phrasings it reads (on normalised text):

- 统计期限为2024年9月1日到2025年8月31日止
- 自2018年9月1日起至2019年8月31日止
- 2022年9月至2023年8月 (months only → the 1st … the last day of the month)
- 2019年9月1日—2020年10月31日, 2022.9.1-2023.8.31, 2022-09-01至2023-08-31, 2022年9月1日至8月31日

When a report gives several ranges, the one introduced by 统计/期限/起止/时间段
wins; failing that, the first that spans roughly a year (300–460 days);
failing that, the first.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_D = r"(?P<{p}y>(?:19|20)\d\d)\s*(?:年|\.|/|-)\s*(?P<{p}m>\d{{1,2}})\s*(?:月|\.|/|-)?\s*(?:(?P<{p}d>\d{{1,2}})\s*(?:日|号)?)?"
_END_NO_YEAR = r"(?P<cm>\d{1,2})\s*月\s*(?:(?P<cd>\d{1,2})\s*(?:日|号))?"
_JOIN = r"\s*(?:起)?\s*(?:至|到|—+|–|－|-|~|～|〜|止至)\s*(?:至)?\s*"
RANGE = re.compile(_D.format(p="a") + _JOIN + "(?:" + _D.format(p="b") + "|" + _END_NO_YEAR + ")" + r"\s*(?:止)?")
_KEYWORDS = ("统计", "期限", "起止", "时间段", "时间范围", "时段", "期间为", "区间")


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    text: str = ""

    def to_dict(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


def _date(y: str, m: str, d: str | None, *, end: bool) -> dt.date | None:
    year, month = int(y), int(m)
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    if d is None:
        return dt.date(year, month, last if end else 1)
    day = int(d)
    if not 1 <= day <= last:
        return None
    return dt.date(year, month, day)


def find_periods(norm: str, original: str | None = None) -> list[tuple[Period, bool]]:
    """Every date range in the text, each with whether a statistics keyword introduces it."""
    original = norm if original is None else original
    out: list[tuple[Period, bool]] = []
    for m in RANGE.finditer(norm):
        g = m.groupdict()
        # "2022.9" would otherwise read the month of a decimal; ask dots to carry a day.
        sep_dot = "." in m.group(0)[4:6] or "/" in m.group(0)[4:6]
        if sep_dot and not g["ad"]:
            continue
        start = _date(g["ay"], g["am"], g["ad"], end=False)
        if g["by"]:
            end = _date(g["by"], g["bm"], g["bd"], end=True)
        else:
            if not g["cm"]:
                continue
            year = int(g["ay"]) + (0 if int(g["cm"]) > int(g["am"]) else 1)
            end = _date(str(year), g["cm"], g["cd"], end=True)
        if start is None or end is None or end <= start:
            continue
        before = norm[max(0, m.start() - 30) : m.start()]
        before = re.split(r"[。；\n]", before)[-1]
        keyed = any(k in before for k in _KEYWORDS)
        out.append((Period(start, end, original[m.start() : m.end()].strip()), keyed))
    return out


def find_period(norm: str, original: str | None = None) -> Period | None:
    found = find_periods(norm, original)
    for period, keyed in found:
        if keyed:
            return period
    for period, _ in found:
        if 300 <= (period.end - period.start).days <= 460:
            return period
    return found[0][0] if found else None
