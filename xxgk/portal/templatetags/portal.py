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
