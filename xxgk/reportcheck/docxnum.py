"""Word's automatic numbering, restored: the "一、" "（一）" "1." a reader sees before a heading.

Word keeps such numbers out of the paragraph's text: the paragraph (or its style — 标题 1 /
Heading 1 linked to a list) carries ``w:numPr`` (numId, ilvl), and ``numbering.xml`` says how each
level is written (``w:lvlText`` "%1、", "（%1）", "第%1部分" with ``w:numFmt`` chineseCounting,
decimal …) and where it starts. :class:`Numbering` counts the numbered paragraphs in document
order as Word does (a level restarts after a higher one) and gives each its label.
"""

from __future__ import annotations

import re

from docx.oxml.ns import qn

_CN = "〇一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC")]
_ROMAN += [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def chinese_counting(n: int, digits: str = _CN, ten: str = "十", hundred: str = "百") -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 20:
        return ten + (digits[n - 10] if n > 10 else "")
    if n < 100:
        return digits[n // 10] + ten + (digits[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if not rest else ("零" if rest < 10 else "") + chinese_counting(rest, digits, ten, hundred)
        if 10 <= rest < 20:
            tail = digits[1] + tail  # 一百一十五
        return digits[n // 100] + hundred + tail
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def format_number(n: int, fmt: str) -> str | None:
    """The number as a level of this numFmt writes it; None for bullets and for no number."""
    if fmt in ("bullet", "none"):
        return None
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"):
        return chinese_counting(n)
    if fmt in ("taiwaneseCountingThousand", "japaneseLegal", "chineseLegalSimplified"):
        return chinese_counting(n, _LEGAL, "拾", "佰")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN[int(d)] for d in str(n))
    if fmt == "ideographTraditional" and 1 <= n <= len(_TIANGAN):
        return _TIANGAN[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= len(_DIZHI):
        return _DIZHI[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth":
        return str(n).translate({ord(str(i)): chr(0xFF10 + i) for i in range(10)})
    if fmt in ("upperRoman", "lowerRoman"):
        r = _roman(n)
        return r if fmt == "upperRoman" else r.lower()
    if fmt in ("upperLetter", "lowerLetter") and n >= 1:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    return str(n)


def _val(el, tag: str) -> str | None:
    child = el.find(qn(tag)) if el is not None else None
    return child.get(qn("w:val")) if child is not None else None


class Numbering:
    """Labels for the numbered paragraphs of one document, asked for in document order."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, dict]] = {}  # numId → ilvl → {fmt, text, start, suff, legal, style}
        self.counters: dict[str, list[int | None]] = {}
        self.styles = document.styles
        try:
            self._read(document.part.numbering_part.element)
        except (KeyError, NotImplementedError, ValueError, TypeError):
            self.levels = {}  # no numbering part, or one Word would not open either: no numbers

    def _read(self, root) -> None:
        abstract: dict[str, dict[int, dict]] = {}
        for an in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in an.findall(qn("w:lvl")):
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = {
                    "fmt": _val(lvl, "w:numFmt") or "decimal",
                    "text": _val(lvl, "w:lvlText") or "",
                    "start": int(_val(lvl, "w:start") or 1),
                    "suff": _val(lvl, "w:suff") or "tab",
                    "legal": lvl.find(qn("w:isLgl")) is not None,
                    "style": _val(lvl, "w:pStyle"),
                }
            abstract[an.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            levels = {k: dict(v) for k, v in abstract.get(_val(num, "w:abstractNumId") or "", {}).items()}
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                start = _val(override, "w:startOverride")
                if start is not None and ilvl in levels:
                    levels[ilvl]["start"] = int(start)
            self.levels[num.get(qn("w:numId"))] = levels

    def _num_pr(self, paragraph) -> tuple[str, int | None] | None:
        """(numId, ilvl) of the paragraph, from itself or from its style (and the styles it is based on)."""
        ppr = paragraph._p.pPr
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        num_id, ilvl = _val(numpr, "w:numId"), _val(numpr, "w:ilvl")
        style = paragraph.style if num_id is None else None
        seen = 0
        while num_id is None and style is not None and seen < 10:
            sppr = style.element.pPr
            snum = sppr.find(qn("w:numPr")) if sppr is not None else None
            num_id = _val(snum, "w:numId")
            ilvl = ilvl if ilvl is not None else _val(snum, "w:ilvl")
            style, seen = style.base_style, seen + 1
        if num_id is None or num_id == "0":
            return None
        return num_id, int(ilvl) if ilvl is not None else None

    def label(self, paragraph) -> str | None:
        """The number Word shows before this paragraph (and counts it), or None."""
        try:
            return self._label(paragraph)
        except (KeyError, ValueError, IndexError, TypeError):
            return None  # a numbering definition that makes no sense: the text as it is

    def _label(self, paragraph) -> str | None:
        found = self._num_pr(paragraph)
        if found is None or found[0] not in self.levels:
            return None
        num_id, ilvl = found
        levels = self.levels[num_id]
        if ilvl is None:  # a heading style linked to a list: its level names the style
            style_id = paragraph.style.style_id if paragraph.style is not None else None
            ilvl = next((i for i, lv in levels.items() if lv["style"] and lv["style"] == style_id), 0)
        if ilvl not in levels:
            return None
        counts = self.counters.setdefault(num_id, [None] * 9)
        counts[ilvl] = levels[ilvl]["start"] if counts[ilvl] is None else counts[ilvl] + 1
        for deeper in range(ilvl + 1, len(counts)):
            counts[deeper] = None
        level = levels[ilvl]
        if level["fmt"] in ("bullet", "none"):
            return None

        def one(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            lv = levels.get(i)
            n = counts[i] if counts[i] is not None else (lv["start"] if lv else 1)
            fmt = "decimal" if level["legal"] or lv is None else lv["fmt"]
            return format_number(n, fmt) or ""

        text = re.sub(r"%([1-9])", one, level["text"]).strip()
        if not text:
            return None
        return text + ("" if level["suff"] == "nothing" else " ")
