"""Every figure a report prints: value, unit, whether it is approximate, and what it counts.

"发布信息1312条" → 1312 条; "1，081.11万元" → 1081.11 万元; "1万余条" → 10000 条 (approx);
"近10000人次", "超过59家", "30余个", "190余篇" → approx; "十余次", "两千余条" → 10, 2000 (approx);
"五个工作日" → 5 个工作日 (Chinese numerals: two and up, or with 余/多); "服务总用户数为15309" → 15309 with
no unit. Years, dates, document numbers, phone numbers, postcodes and heading numbers
carry no unit and are left alone; "第8次" and "前8名" are ordinals, not figures.
The units and the markers are data (rules.json, figures).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .rules import figure_rules

_BOUNDARY = "，。；！？!?;\n：:"
_NUM = r"(?<![0-9A-Za-z.\-/:@_,])(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)"
_LEADING_DATES = re.compile(
    r"^(?:(?:19|20)\d\d\s*[-—–]+\s*(?:19|20)\d\d\s*(?:学年度|学年|年度|年)?"
    r"|(?:19|20)\d\d\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*(?:起)?\s*(?:至|到|—+|-)?\s*"
    r"|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*(?:止)?)+"
)


@dataclass
class Figure:
    value: int | float
    unit: str
    approx: bool
    text: str  # the clause it came from, as written
    counts: str  # what it counts: the noun phrase before it (or right after it)
    phrase: str  # the figure as written: "超过59家", "1，081.11万元"
    start: int
    end: int
    section: str | None = None  # key of the section it is in

    def to_dict(self) -> dict:
        return {
            "value": self.value,
            "unit": self.unit,
            "approx": self.approx,
            "text": self.text,
            "counts": self.counts,
            "phrase": self.phrase,
            "section": self.section,
        }


@cache
def _compiled() -> dict:
    r = figure_rules()
    units = sorted(r["units"], key=len, reverse=True)
    unit_alt = "|".join(re.escape(u) for u in units)
    mult = "".join(r["multipliers"])
    infix = "|".join(re.escape(x) for x in r["approx_infixes"])
    suffix = "|".join(re.escape(x) for x in sorted(r["approx_suffixes"], key=len, reverse=True))
    fig = re.compile(
        _NUM + rf"\s*(?:(?P<mult>[{mult}])(?!元))?\s*(?P<inf>{infix})?\s*(?P<unit>{unit_alt})(?P<suf>{suffix})?"
    )
    leads = "|".join(re.escape(x) for x in sorted(r["unitless_lead"], key=len, reverse=True))
    verbs = "|".join(re.escape(x) for x in sorted(r["unitless_verbs"], key=len, reverse=True))
    unitless = re.compile(
        rf"(?:{leads})\s*(?:{verbs})?\s*(?:约|近|超过)?\s*" + _NUM + rf"(?!\s*(?:{unit_alt}|[{mult}.\d年月日号%]))"
    )
    # figures written in Chinese numerals: 十余次, 三十余条, 两千余条, 五个工作日, 一百二十篇
    cn = re.compile(
        rf"(?<![{_CN_NOT_AFTER}{_CN}])(?P<cn>[{_CN}]+)(?P<inf>{infix})?\s*(?P<unit>{unit_alt})(?P<suf>{suffix})?"
    )
    return {
        "fig": fig,
        "cn": cn,
        "cn_skip": tuple(r.get("chinese_numeral_skip_nouns", ())),
        "unitless": unitless,
        "prefixes": sorted(r["approx_prefixes"], key=len, reverse=True),
        "prefix_guards": r.get("approx_prefix_guards", {}),
        "guards": r["unit_guards"],
        "mult": r["multipliers"],
        "ordinal": r["ordinal_prefixes"],
        "rank": sorted(r["rank_prefixes"], key=len, reverse=True),
        "rank_units": r["rank_units"],
        "lead": sorted(r["counts_strip_leading"], key=len, reverse=True),
        "trail": sorted(r["counts_strip_trailing"], key=len, reverse=True),
    }


_CN = "零〇一二两三四五六七八九十百千万亿"
_CN_NOT_AFTER = "第每统进唯逐周星初农腊正单同专之其任某哪几"
_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}


def cn_value(s: str) -> int | None:
    """一百二十 → 120, 两千 → 2000, 十五 → 15, 三万五千 → 35000; None when it is not a number."""
    total = section = digit = 0
    seen = False
    for i, ch in enumerate(s):
        if ch in _CN_DIGIT:
            if i > 0 and s[i - 1] in _CN_DIGIT and s[i - 1] not in "零〇" or (ch in "零〇" and i == 0):
                return None  # 二〇二三: digits read out one by one (a year), not a count
            digit, seen = _CN_DIGIT[ch], True
        elif ch in _CN_UNIT:
            section += (digit or 1) * _CN_UNIT[ch]
            digit, seen = 0, True
        elif ch in _CN_BIG:
            if not seen:
                return None
            total = (total + section + digit) * _CN_BIG[ch]
            section = digit = 0
        else:
            return None
    return total + section + digit if seen else None


def _number(num: str) -> int | float:
    value = float(num.replace(",", ""))
    return int(value) if value.is_integer() and "." not in num else value


def _clean_value(value: float) -> int | float:
    value = round(value, 6)
    return int(value) if float(value).is_integer() else value


def _approx_prefix(norm: str, start: int) -> int | None:
    """Offset of an approximation word right before ``start`` (spaces allowed), or None."""
    c = _compiled()
    i = start
    while i > 0 and norm[i - 1] == " ":
        i -= 1
    for p in c["prefixes"]:
        if norm.endswith(p, 0, i):
            at = i - len(p)
            guard = c["prefix_guards"].get(p, "")
            if at > 0 and norm[at - 1] in guard:
                return None
            return at
    return None


def _is_ordinal(norm: str, start: int, unit: str) -> bool:
    c = _compiled()
    before = norm[max(0, start - 4) : start].rstrip(" ")
    if any(before.endswith(p) for p in c["ordinal"]):
        return True
    return unit in c["rank_units"] and any(before.endswith(p) for p in c["rank"])


def _clause_bounds(norm: str, start: int, end: int) -> tuple[int, int]:
    cs = start
    while cs > 0 and norm[cs - 1] not in _BOUNDARY:
        cs -= 1
    ce = end
    while ce < len(norm) and norm[ce] not in _BOUNDARY:
        ce += 1
    return cs, ce


def _strip_words(s: str, words: list[str], *, leading: bool) -> str:
    changed = True
    while changed and s:
        changed = False
        s = s.strip(" \t、，,")
        for w in words:
            if leading and s.startswith(w) and len(s) > len(w):
                s, changed = s[len(w) :], True
                break
            if not leading and s.endswith(w) and len(s) > len(w):
                s, changed = s[: -len(w)], True
                break
    return s.strip(" \t、，,")


def _counts(norm: str, original: str, left: int, start: int, end: int, clause_end: int) -> str:
    """The words the figure counts, quoted from the original (so traditional text stays traditional)."""
    c = _compiled()
    after = re.split(r"[、（(）)]", norm[end:clause_end])[0]
    a = end + (len(after) - len(after.lstrip()))
    after = after.strip()
    if after.startswith("的"):
        after, a = after[1:], a + 1
    if 1 <= len(after) <= 8 and not re.search(r"[\d%（(“\"]", after):
        return original[a : a + len(after)]
    before = re.split(r"[（(）)]", norm[left:start])[-1]
    before = _strip_words(before, c["lead"], leading=True)
    before = _LEADING_DATES.sub("", before)
    before = _strip_words(before, c["lead"], leading=True)
    before = _strip_words(before, c["trail"], leading=False)
    m = re.fullmatch(r"[“\"「『](.+?)[”\"」』]", before)
    if m:
        before = m.group(1)
    if not before:
        return ""
    at = norm.find(before, left, start)
    return original[at : at + len(before)] if at >= 0 else before


def extract_figures(norm: str, original: str | None = None) -> list[Figure]:
    """All figures, in text order. ``norm`` is ``text.normalize(original)``."""
    original = norm if original is None else original
    c = _compiled()
    raw: list[tuple[int, int, int | float, str, bool]] = []  # start, end, value, unit, approx
    for m in c["fig"].finditer(norm):
        unit = m.group("unit")
        nxt = norm[m.end("unit") : m.end("unit") + 1]
        if not m.group("suf") and nxt and nxt in c["guards"].get(unit, ""):
            continue
        if _is_ordinal(norm, m.start(), unit):
            continue
        value = _number(m.group("num"))
        if m.group("mult"):
            value = _clean_value(value * c["mult"][m.group("mult")])
        start = m.start()
        pre = _approx_prefix(norm, start)
        approx = bool(m.group("inf") or m.group("suf") or pre is not None)
        raw.append((pre if pre is not None else start, m.end(), value, unit, approx))
    taken = [(s, e) for s, e, *_ in raw]
    for m in c["cn"].finditer(norm):
        value = cn_value(m.group("cn"))
        approx = bool(m.group("inf") or m.group("suf"))
        # 一个/一次/一条 are mostly an article, not a count: only 二 and up, or 一…余
        if value is None or (value < 2 and not approx) or any(a <= m.start() < b for a, b in taken):
            continue
        unit = m.group("unit")
        nxt = norm[m.end("unit") : m.end("unit") + 1]
        if not m.group("suf") and nxt and nxt in c["guards"].get(unit, ""):
            continue
        if norm.startswith(c["cn_skip"], m.end()):  # 六个部分, 三个方面: the shape of the text, not a count
            continue
        pre = _approx_prefix(norm, m.start())
        raw.append((pre if pre is not None else m.start(), m.end(), value, unit, approx or pre is not None))
    taken = [(s, e) for s, e, *_ in raw]
    for m in c["unitless"].finditer(norm):
        s, e = m.start("num"), m.end("num")
        if any(a <= s < b for a, b in taken):
            continue
        value = _number(m.group("num"))
        pre = _approx_prefix(norm, s)
        raw.append((pre if pre is not None else s, e, value, "", pre is not None))
    raw.sort()
    figures: list[Figure] = []
    prev_end: dict[int, int] = {}
    for start, end, value, unit, approx in raw:
        cs, ce = _clause_bounds(norm, start, end)
        left = max(cs, prev_end.get(cs, cs))
        prev_end[cs] = end
        figures.append(
            Figure(
                value=value,
                unit=unit,
                approx=approx,
                text=original[cs:ce].strip(),
                counts=_counts(norm, original, left, start, end, ce),
                phrase=original[start:end],
                start=start,
                end=end,
            )
        )
    return figures
