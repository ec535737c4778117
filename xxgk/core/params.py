"""Whole numbers from a request's query string or form (GET/POST values are strings, or missing)."""

from __future__ import annotations


def int_param(value, *, minimum: int | None = None, default: int | None = None) -> int | None:
    """`value` as an int; `default` when it is missing, not a whole number, or below `minimum`."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    if minimum is not None and number < minimum:
        return default
    return number
