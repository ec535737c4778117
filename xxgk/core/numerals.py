"""Chinese numerals as official documents write them: 一 … 十, 十一 … 十九, 二十 … 九十九, 一百 …

The one helper for part numbers (一、), subsection numbers (（十一）) and counts (十二个部分) across the
report, the national table's rows and anything else that numbers in Chinese. No Django import."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 21 → 二十一, 100 → 一百, 105 → 一百零五, 110 → 一百一十."""
    if n < 0:
        raise ValueError(f"no Chinese numeral for {n}")
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return DIGITS[n // 10] + "十" + (DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        head = DIGITS[n // 100] + "百"
        if not rest:
            return head
        if rest < 10:
            return head + "零" + DIGITS[rest]
        return head + (DIGITS[rest // 10] + "十" + (DIGITS[rest % 10] if rest % 10 else ""))
    return str(n)


def cn_paren(n: int) -> str:
    """The subsection number: （一） … （十一）."""
    return f"（{cn_number(n)}）"
