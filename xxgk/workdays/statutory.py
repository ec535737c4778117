"""Statutory holidays (全体公民放假的节日) computed from the rules, for years the official data does not cover.

The rules are data (``statutory_holidays.json``: the 2025 revision of 《全国年节及纪念日放假办法》).
Lunar dates and the 清明 solar term come from ``lunar_python`` (pure Python, computed, no data
range to run out of). Only the holidays themselves can be computed: the State Council's 调休 swaps
(make-up workdays and the extra rest days they pay for) are announced each year and are unknown,
so every day decided this way is *provisional* (暂定).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

_RULES = json.loads(resources.files(__package__).joinpath("statutory_holidays.json").read_text(encoding="utf-8"))

#: Where the rules come from (shown to staff next to a provisional date).
BASIS: str = _RULES["basis"]
#: The first year the rules apply to; before it the holidays were different.
FROM_YEAR: int = int(_RULES["from_year"])


def _solar(y: int, m: int, d: int) -> date:
    return date(y, m, d)


def _start(year: int, rule: Mapping) -> date:
    from lunar_python import Lunar, Solar

    kind = rule["kind"]
    if kind == "solar":
        return date(year, rule["month"], rule["day"])
    if kind == "lunar":
        solar = Lunar.fromYmd(year, rule["month"], rule["day"]).getSolar()
        return _solar(solar.getYear(), solar.getMonth(), solar.getDay())
    if kind == "lunar_new_year_eve":
        # 除夕 is the last day of the twelfth lunar month (the 29th or 30th): the day before 正月初一
        solar = Lunar.fromYmd(year, 1, 1).getSolar()
        return _solar(solar.getYear(), solar.getMonth(), solar.getDay()) - timedelta(days=1)
    if kind == "solar_term":
        # the term table of the lunar year that holds a spring day of `year` has that year's 清明
        table = Solar.fromYmd(year, 3, 1).getLunar().getJieQiTable()
        solar = table[rule["term"]]
        found = _solar(solar.getYear(), solar.getMonth(), solar.getDay())
        if found.year != year:  # pragma: no cover - guards a change in the library's table
            raise ValueError(f"{year}年的{rule['term']}不在当年：{found}")
        return found
    raise ValueError(f"未知的假日规则：{kind}")


@lru_cache(maxsize=64)
def _year(year: int) -> Mapping[date, str]:
    days: dict[date, str] = {}
    for rule in _RULES["holidays"]:
        first = _start(year, rule)
        for offset in range(int(rule["days"])):
            day = first + timedelta(days=offset)
            # two festivals on one day (中秋 within 国庆, as in 2028): one rest day, both named
            days[day] = f"{days[day]}、{rule['name']}" if day in days else rule["name"]
    return MappingProxyType(days)


def holidays(year: int) -> Mapping[date, str]:
    """The statutory holidays of ``year`` (date → the festival's Chinese name), per the rules.

    Raises ValueError for a year before the rules applied (``FROM_YEAR``) and ImportError when the
    lunar-calendar library is missing.
    """
    if year < FROM_YEAR:
        raise ValueError(f"{year}年早于现行放假办法（{FROM_YEAR}年起施行），不能按规则推算。")
    return _year(year)
