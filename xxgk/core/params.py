"""Whole numbers from a request's query string or form (GET/POST values are strings, or missing)."""

from __future__ import annotations


def int_param(
    value, *, minimum: int | None = None, maximum: int | None = None, default: int | None = None
) -> int | None:
    """`value` as an int; `default` when it is missing, not a whole number, or outside `minimum`…`maximum`."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    if minimum is not None and number < minimum:
        return default
    if maximum is not None and number > maximum:
        return default
    return number


# The largest values a page may be asked for: beyond them a database raises (an id past a 64-bit
# integer, a year past datetime's range, an OFFSET that overflows), which would be a 500.
MAX_ID = 2**63 - 1
MAX_YEAR = 9998
MAX_PAGE = 100_000


def id_param(value) -> int | None:
    """A primary key from the request, or None."""
    return int_param(value, minimum=1, maximum=MAX_ID)


def year_param(value) -> int | None:
    """A calendar year from the request, or None."""
    return int_param(value, minimum=1, maximum=MAX_YEAR)


def page_param(value) -> int:
    """A page number from the request; 1 when missing or out of range."""
    return int_param(value, minimum=1, maximum=MAX_PAGE, default=1)
