"""The statistics period a report states.

Phrasings it reads (on normalised text):

- 统计期限为2024年9月1日到2025年8月31日止
- 自2018年9月1日起至2019年8月31日止
- 2022年9月至2023年8月 (months only → the 1st … the last day of the month)
- 2019年9月1日—2020年10月31日, 2022.9.1-2023.8.31, 2022-09-01至2023-08-31, 2022年9月1日至8月31日
- 2022.9-2023.8 (a year of months), 2022 9 1至2023 8 31 (年/月 lost in copying: spaces)
- only 2022—2023学年(度) → 1 September 2022 to 31 August 2023, or 2023年度 → the calendar year,
  marked `inferred`

When a report gives several ranges, the one introduced by 统计/期限/起止/时间段
wins; failing that, the first that spans roughly a year (300–460 days);
failing that, the first.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

# the separators may be lost in copying ("2022 9 1"): a space then stands for 年 or 月
_D = r"(?P<{p}y>(?:19|20)\d\d)\s*(?:年|\.|/|-|\s)\s*(?P<{p}m>\d{{1,2}})\s*(?:月|\.|/|-)?\s*(?:(?P<{p}d>\d{{1,2}})\s*(?:日|号)?)?"
_END_NO_YEAR = r"(?P<cm>\d{1,2})\s*月\s*(?:(?P<cd>\d{1,2})\s*(?:日|号))?"
_JOIN = r"\s*(?:起)?\s*(?:至|到|—+|–|－|-|~|～|〜|止至)\s*(?:至)?\s*"
RANGE = re.compile(_D.format(p="a") + _JOIN + "(?:" + _D.format(p="b") + "|" + _END_NO_YEAR + ")" + r"\s*(?:止)?")
_KEYWORDS = ("统计", "期限", "起止", "时间段", "时间范围", "时段", "期间为", "区间")


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    text: str = ""
    inferred: bool = False  # only a 学年(度) or a 年度 was named: the dates are read from it

    def to_dict(self) -> dict:
        out = {"start": self.start.isoformat(), "end": self.end.isoformat()}
        if self.inferred:
            out["inferred"] = True
        return out


_ACADEMIC = re.compile(
    r"(?P<a>(?:19|20)\d\d)\s*(?:年)?\s*(?:至|到|—+|–|－|-|~|～|/)\s*(?P<b>(?:19|20)\d\d)\s*(?:年)?\s*学年"
)
_YEAR = re.compile(r"(?P<y>(?:19|20)\d\d)\s*年度")
#: The academic year the 办法's reports cover starts on 1 September.
ACADEMIC_START_MONTH = 9


def named_year(norm: str) -> Period | None:
    """The period a report names only as a 学年(度) (1 September to 31 August) or a 年度 (the calendar year)."""
    m = _ACADEMIC.search(norm)
    if m and int(m.group("b")) == int(m.group("a")) + 1:
        start = dt.date(int(m.group("a")), ACADEMIC_START_MONTH, 1)
        return Period(
            start, dt.date(int(m.group("b")), ACADEMIC_START_MONTH, 1) - dt.timedelta(days=1), m.group(0), True
        )
    m = _YEAR.search(norm)
    if m:
        year = int(m.group("y"))
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), m.group(0), True)
    return None


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
        # ... unless both ends are a year and a month and the two make a year ("2022.9-2023.8")
        a_year_of_months = (
            g["by"] and not g["bd"] and 11 <= (int(g["by"]) - int(g["ay"])) * 12 + int(g["bm"]) - int(g["am"]) <= 12
        )
        if sep_dot and not g["ad"] and not a_year_of_months:
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
    return found[0][0] if found else named_year(norm)
