"""How the report writes dates, counts, amounts and rates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from xxgk.core.numerals import cn_number


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def cn_count(n: int) -> str:
    """一 … 十, 十一 … (xxgk.core.numerals)."""
    return cn_number(n)


def num(n) -> str:
    if isinstance(n, Decimal):
        return str(int(n)) if n == n.to_integral() else f"{n.normalize():f}"
    return str(n)


def wan(amount: Decimal) -> str:
    """An amount in 元 written in 万元 with two decimals and thousands separators."""
    return f"{(amount / 10000).quantize(Decimal('0.01')):,.2f}"


def pct(v) -> str:
    return "—" if v is None else f"{v:.1f}%"
