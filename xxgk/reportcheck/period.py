"""The statistics period a report states.

Phrasings it reads (on normalised text):

- 统计期限为2024年9月1日到2025年8月31日止
- 自2018年9月1日起至2019年8月31日止
- 2022年9月至2023年8月 (months only → the 1st … the last day of the month)
- 2019年9月1日—2020年10月31日, 2022.9.1-2023.8.31, 2022-09-01至2023-08-31, 2022年9月1日至8月31日
- 2022.9-2023.8 (a year of months), 2022 9 1至2023 8 31 (年/月 lost in copying: spaces)
- 20229月1日至20238月31日 (年 lost), 2022年91日至2023年831日 (月 lost), 202 2年9月1日至2023年8月3 1日
  (a space inside a number), 二〇二二年九月一日至二〇二三年八月三十一日 (Chinese numerals)
- anywhere in a sentence: 学校对自2022年9月1日至2023年8月31日期间的工作进行了总结
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

# Copying loses or breaks what separates a date's numbers:
# - a space stands for 年 or 月 ("2022 9 1");
# - 年 is gone before a month that keeps its 月 ("20229月1日"), 月 is gone between a month and a day
#   that keeps its 日 ("2022年91日", "2023年831日": months are 1-12, so the digits split one way);
# - a space falls inside a number that its 年/月/日 follows ("202 2年", "8月3 1日").
_YEAR = r"(?:(?:1 9|2 0)\d\d|(?:19|20) \d\d|(?:19|20)\d \d)(?=\s*年)|(?:19|20)\d\d"
_MONTH = r"(?:1 [0-2]|0 [1-9])(?=\s*月)|1[0-2]|0?[1-9]"
_DAY = r"(?:3 [01]|[12] \d|0 [1-9])(?=\s*[日号])|3[01]|[12]\d|0?[1-9]"
_D = (
    rf"(?<!\d)(?P<{{p}}y>{_YEAR})\s*(?:年|\.|/|-|\s|(?=\d{{{{1,2}}}}\s*月))\s*(?P<{{p}}m>{_MONTH})"
    rf"(?:(?!\d)(?:\s*(?:月|\.|/|-)\s*|\s+)(?:(?P<{{p}}d>{_DAY})(?!\d)\s*(?:日|号)?)?"
    rf"|(?P<{{p}}g>{_DAY})\s*(?:日|号))?"
)
_END_NO_YEAR = rf"(?P<cm>{_MONTH})\s*月\s*(?:(?P<cd>{_DAY})\s*(?:日|号))?"
_JOIN = r"\s*(?:起)?\s*(?:至|到|—+|–|－|-|~|～|〜|止至)\s*(?:至)?\s*"
RANGE = re.compile(_D.format(p="a") + _JOIN + "(?:" + _D.format(p="b") + "|" + _END_NO_YEAR + ")" + r"\s*(?:止)?")
# dates in Chinese numerals, as formal documents write them: 二〇二二年九月一日至二〇二三年八月三十一日
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_CN_D = r"(?P<{p}y>[〇零一二][〇零一二三四五六七八九]{{3}})年(?P<{p}m>十[一二]?|[一二三四五六七八九])月(?:(?P<{p}d>[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])?"
CN_RANGE = re.compile(_CN_D.format(p="a") + _JOIN + "(?:" + _CN_D.format(p="b") + ")" + r"\s*(?:止)?")
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


def _cn_int(s: str | None) -> str | None:
    """ "二〇二二" → "2022" (digit by digit), "三十一" → "31", "十" → "10"."""
    if not s:
        return None
    if "十" not in s:
        return "".join(str(_CN_DIGITS[c]) for c in s)
    tens, _, ones = s.partition("十")
    return str((_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0))


def find_periods(norm: str, original: str | None = None) -> list[tuple[Period, bool]]:
    """Every date range in the text, each with whether a statistics keyword introduces it."""
    original = norm if original is None else original
    out: list[tuple[int, Period, bool]] = []
    for m in RANGE.finditer(norm):
        # spaces inside a number ("202 2年") are dropped; a day glued to its month ("91日") is a day
        g = {k: v.replace(" ", "") if v else v for k, v in m.groupdict().items()}
        g["ad"], g["bd"] = g["ad"] or g["ag"], g["bd"] or g["bg"]
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
        out.append((m.start(), Period(start, end, original[m.start() : m.end()].strip()), keyed))
    for m in CN_RANGE.finditer(norm):
        g = {k: _cn_int(v) for k, v in m.groupdict().items()}
        start = _date(g["ay"], g["am"], g["ad"], end=False)
        end = _date(g["by"], g["bm"], g["bd"], end=True)
        if start is None or end is None or end <= start:
            continue
        before = re.split(r"[。；\n]", norm[max(0, m.start() - 30) : m.start()])[-1]
        keyed = any(k in before for k in _KEYWORDS)
        out.append((m.start(), Period(start, end, original[m.start() : m.end()].strip()), keyed))
    return [(period, keyed) for _, period, keyed in sorted(out, key=lambda o: o[0])]


def find_period(norm: str, original: str | None = None) -> Period | None:
    found = find_periods(norm, original)
    for period, keyed in found:
        if keyed:
            return period
    for period, _ in found:
        if 300 <= (period.end - period.start).days <= 460:
            return period
    return found[0][0] if found else named_year(norm)
