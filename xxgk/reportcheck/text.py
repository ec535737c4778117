"""Text normalisation that keeps every character where it was.

``normalize`` maps traditional characters to simplified ones, full-width digits,
letters, ``．`` and ``％`` to ASCII, the ideographic space to a space, and a
full-width comma used as a thousands separator (``1，081.11``) to ``,``. Each
character becomes exactly one character, so an offset in the normalised text is
the same offset in the original: figures and headings are found in the
normalised text and quoted from the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .rules import traditional_table

_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}  # ０-９
_WIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_WIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_WIDTH.update({0xFF0E: ord("."), 0xFF05: ord("%"), 0x3000: ord(" "), 0xA0: ord(" ")})
_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3})((?:，\d{3})+)(?!\d)")


def to_simplified(text: str) -> str:
    return text.translate(traditional_table())


def normalize(text: str) -> str:
    out = to_simplified(text).translate(_WIDTH)
    out = _THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace("，", ","), out)
    assert len(out) == len(text)
    return out


def lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line with the offset of its first character."""
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(s: str) -> int | None:
    """``七`` → 7, ``十二`` → 12, ``二十`` → 20, ``9`` → 9; None when it is not a number."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if not s or any(c not in CN_DIGITS and c != "十" for c in s):
        return None
    if "十" in s:
        tens, _, ones = s.partition("十")
        if "十" in ones:
            return None
        t = CN_DIGITS.get(tens, None) if tens else 1
        o = CN_DIGITS.get(ones, None) if ones else 0
        if t is None or o is None:
            return None
        return t * 10 + o
    if len(s) == 1:
        return CN_DIGITS[s]
    return None
