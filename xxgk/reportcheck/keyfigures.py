"""The four figures `check-report --compare` puts side by side (rules.json, key_figures).

- website_items: items published on the school's main website
- wechat_posts: posts of the school's main WeChat account (not a sum over accounts:
  department accounts repost the same news)
- applications: on-request applications received (0 when the report says none)
- complaints: complaints (举报) received (0 when the report says none)

None means the report does not say.
"""

from __future__ import annotations

import re

from .figures import Figure
from .rules import key_figure_rules
from .sections import Heading
from .text import normalize

_SENT = re.compile(r"[^。！？!?\n]+")


_APPLICATION = re.compile(r"依申请|(受理|收到|接到|收悉)[^，。；]{0,12}申请")
_NONE = re.compile(r"^(无|没有|暂无|未发生|均无)[^，。；\n]{0,10}[。.]?$")


def _text_of(norm: str, headings: list[Heading], key: str) -> str:
    parts = [norm[h.start : h.end] for h in headings if key in h.keys]
    return "\n".join(parts)


def _says_none(norm: str, headings: list[Heading], key: str) -> bool:
    """A part whose whole body is "无。" (the heading already names the topic)."""
    for h in headings:
        if key in h.keys:
            body = norm[h.start : h.end].split("\n", 1)[1:] or [""]
            if _NONE.match(body[0].strip()):
                return True
    return False


def website_items(figures: list[Figure], norm: str) -> int | float | None:
    r = key_figure_rules()
    dept = re.compile(r["department_site_pattern"])
    best: tuple[int, int] | None = None
    found = None
    for i, f in enumerate(figures):
        if f.unit not in ("条", "篇") or f.section not in (None, "proactive", "key_areas", "overview"):
            continue
        lead = re.split(r"[，。；;\n]", norm[max(0, f.start - 80) : f.start])[-1]
        if not any(w in lead for w in r["website_words"]) or not any(w in lead for w in r["publish_words"]):
            continue
        if dept.search(lead):
            continue
        score = 2 + (1 if any(w in lead for w in r["website_total_words"]) else 0)
        if best is None or score > best[0]:
            best, found = (score, i), f.value
    return found


def wechat_posts(figures: list[Figure], norm: str, school: str | None) -> int | float | None:
    r = key_figure_rules()
    candidates: list[tuple[int, Figure]] = []
    for f in figures:
        if f.unit not in ("篇", "条"):
            continue
        clause = norm[max(0, f.start - 60) : f.start]
        clause = re.split(r"[。；;\n，]", clause)[-1]
        if not any(w in clause for w in r["wechat_words"]):
            continue
        score = 0
        if school and (f"“{school}”" in clause or f'"{school}"' in clause):
            score = 2
        elif any(w in clause for w in r["wechat_main_words"]):
            score = 1
        if score:
            candidates.append((score, f))
    if not candidates:
        return None
    best = max(c[0] for c in candidates)
    return next(f.value for s, f in candidates if s == best)


def _count_or_zero(text: str, figures: list[Figure], topic: str, units: list[str]) -> int | float | None:
    """The first figure about ``topic``; else 0 when a sentence denies any; else None."""
    for f in figures:
        if f.unit in units and topic in normalize(f.text):
            return f.value
    r = key_figure_rules()
    for sentence in _SENT.finditer(text):
        s = sentence.group(0)
        if topic not in s:
            continue
        for neg in r["negation_words"]:
            i = s.find(neg)
            if i >= 0 and topic in s[i : i + 50]:
                return 0
    return None


def applications(norm: str, headings: list[Heading], figures: list[Figure]) -> int | float | None:
    r = key_figure_rules()
    part = _text_of(norm, headings, "on_request")
    in_part = [f for f in figures if f.section == "on_request"]
    value = _count_or_zero(part, in_part, "申请", r["application_units"]) if part else None
    if value is None and _says_none(norm, headings, "on_request"):
        value = 0
    if value is None:
        about = [f for f in figures if _APPLICATION.search(normalize(f.text))]
        value = _count_or_zero(norm, about, "申请", r["application_units"])
    return value


def complaints(norm: str, headings: list[Heading], figures: list[Figure]) -> int | float | None:
    r = key_figure_rules()
    part = _text_of(norm, headings, "complaints")
    in_part = [f for f in figures if f.section == "complaints"]
    value = _count_or_zero(part, in_part, "举报", r["complaint_units"]) if part else None
    if value is None and _says_none(norm, headings, "complaints"):
        value = 0
    if value is None:
        value = _count_or_zero(norm, [f for f in figures if "举报" in normalize(f.text)], "举报", r["complaint_units"])
    return value


def key_figures(norm: str, headings: list[Heading], figures: list[Figure], school: str | None) -> dict:
    return {
        "website_items": website_items(figures, norm),
        "wechat_posts": wechat_posts(figures, norm, school),
        "applications": applications(norm, headings, figures),
        "complaints": complaints(norm, headings, figures),
    }
