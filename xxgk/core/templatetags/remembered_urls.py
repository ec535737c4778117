"""`{% url %}` that remembers what it reversed: a template builtin (settings.TEMPLATES "builtins") that
replaces Django's tag with the same syntax and result.

Reversing a URL is a pure function of the view name, the arguments, the URL configuration, the script
prefix, the current application and the language, and it costs about as much as rendering a dozen
template variables; a public list page reverses a hundred (every record, catalog item and department
links to its page). Each process keeps the last `SIZE` URLs it reversed, keyed by all of those inputs,
so nothing it returns can differ from Django's own `reverse`; a reversal that fails is never remembered.
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

from django import template
from django.template import defaulttags
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

register = template.Library()

SIZE = 20_000
_remembered: OrderedDict = OrderedDict()
_lock = Lock()


def remembered_reverse(view_name, args, kwargs, current_app) -> str:
    try:
        key = (
            view_name,
            tuple(args),
            tuple(sorted(kwargs.items())),
            current_app,
            get_urlconf(),
            get_script_prefix(),
            get_language(),
        )
        hash(key)
    except TypeError:  # an argument that cannot be a key: reverse it every time
        return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
    url = _remembered.get(key)
    if url is None:
        url = reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
        with _lock:
            _remembered[key] = url
            while len(_remembered) > SIZE:
                _remembered.popitem(last=False)
    return url


class RememberedURLNode(defaulttags.URLNode):
    """Django's URLNode.render, reversing through `remembered_reverse`."""

    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = remembered_reverse(view_name, args, kwargs, current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
