"""Links to sections that other apps may not have yet, and partials they may not provide yet."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.template import TemplateDoesNotExist
from django.template.loader import select_template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def optional_url(name, **kwargs):
    """reverse() or "" when the URL is not (yet) routed."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def include_optional(context, template_name, **extra):
    """Render `template_name` with the current context if it exists, else nothing."""
    try:
        tpl = select_template([template_name])
    except TemplateDoesNotExist:
        return ""
    values = context.flatten()
    values.update(extra)
    return tpl.render(values, context.get("request"))


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
