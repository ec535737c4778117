"""Template helpers for the public pages."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (None or "" removes one)."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = urlencode(sorted((k, v) for k, vs in params.lists() for v in vs))
    return "?" + encoded if encoded else "?"


#: pages shown on each side of the current one; the first and last page are always shown
PAGE_WINDOW = 2


@register.simple_tag
def page_window(number: int, last: int) -> list[int | None]:
    """The page numbers to link, with None for a gap: 1 … 4 5 [6] 7 8 … 58. A gap of one page
    shows that page instead of an ellipsis."""
    shown = {1, last, *range(number - PAGE_WINDOW, number + PAGE_WINDOW + 1)}
    pages = sorted(p for p in shown if 1 <= p <= last)
    out: list[int | None] = []
    for p in pages:
        if out and p - out[-1] == 2:
            out.append(p - 1)
        elif out and p - out[-1] > 2:
            out.append(None)
        out.append(p)
    return out


@register.simple_tag(takes_context=True)
def query_without(context, *names):
    """The current query string's parameters except `names`, as (name, value) pairs: the hidden
    fields of a GET form that changes only those (the page jump keeps the filters)."""
    request = context["request"]
    return [(k, v) for k, vs in sorted(request.GET.lists()) if k not in names for v in vs]
