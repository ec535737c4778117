"""The Jinja2 environment of the public pages that crawlers and visitors read most (home, catalog item,
record: `xxgk/portal/jinja2/`), beside Django's template engine for everything else (settings.TEMPLATES).

Django's engine renders a variable through a chain of Python calls (a Variable, a FilterExpression, the
context stack, an i18n node per string); Jinja2 compiles a template to one Python function, which renders
these pages in about half the time when the page cache misses (bench/portal.py, bench/README.md). The output is
the same HTML as Django's would be, character for character:

- a value is escaped by Django's `conditional_escape` (`finalize`), not markupsafe's, which writes quotes
  differently (`&#x27;` and `&quot;` against `&#39;` and `&#34;`); a SafeString or Markup is left as it is.
  As `finalize` always returns escaped text, the templates are compiled to write what it returns
  (`_CodeGenerator`) instead of passing it through markupsafe's `escape` again, which left it as it was at the
  cost of two more string objects for each of a page's few hundred values;
- the filters the templates use are Django's own (`date`, `truncatechars`, `urlencode`, `filesizeformat`
  and `default`, which replaces any false value as Django's does), `date` and `truncatechars` with their commonest
  cases written out (`_date`, `_truncatechars`);
- text is translated by Django's gettext: `_("…")` (the translation taken as safe, as Django does with
  a string written in the template), `pgettext(context, "…")`, `blocktrans("…%(name)s…",
  name=value)` and `nblocktrans(singular, plural, count, n=count)` as `{% blocktrans %}` does (the translated
  text as it is, the values escaped); `makemessages` reads `_("…")` in these templates, and the message ids
  given to the other three are those of the Django templates (tests/portal/django_reference/, which it reads too);
- `url(name, *args)` reverses through the same remembered reversal as the `{% url %}` builtin (`per_render`).

What does not change between renders is worked out once:

- each language has its own compiled templates (`template(backend, name, language)`, from an overlay of the
  environment, `language_environment`):
  there a translated string written in the template (`_("…")`, `pgettext("…", "…")`, `blocktrans("…")`
  with constant values or none), `get_language()` and `available_languages()` are looked up when the template
  is compiled (`_FoldConstants`), and become part of the template's text as `{% trans %}` would have written
  them; a loop over a few constant values is written out, so that its text folds too. A template that assigns
  one of these names itself is compiled as it is;
- the helpers of `PLAIN_CALLS` (none takes the context) are called directly, not through Jinja2's
  `context.call`, which looks for a `pass_context` marker at every call (`_CodeGenerator.visit_Call`); the
  environment refuses one that takes it and `views._render_jinja` a context that replaces one;
- `static(path)` is remembered per process (the storage and its settings do not change while it runs; a
  changed setting under the tests forgets it, with the compiled languages).

Context: Django's Jinja2 backend adds `request`, `csrf_input` and `csrf_token`; no context processor runs
(the templates ask `request.user` and `messages(request)` only where they show them).
"""

from __future__ import annotations

import datetime
import html
from io import StringIO
from unicodedata import is_normalized

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import ImproperlyConfigured
from django.template import defaultfilters
from django.template.backends.jinja2 import Template as DjangoJinjaTemplate
from django.templatetags.static import static as django_static
from django.test.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.timezone import get_current_timezone, template_localtime
from django.utils.translation import get_language, gettext, ngettext, override, pgettext
from jinja2 import Environment, nodes, pass_context
from jinja2.compiler import CodeGenerator
from jinja2.visitor import NodeTransformer

from xxgk.core.templatetags import remembered_urls
from xxgk.core.templatetags.remembered_urls import remembered_reverse
from xxgk.portal.templatetags.portal import page_window

#: (language, message) -> its translation: the strings written in these templates, a few hundred at most
_translated: dict[tuple[str | None, str], SafeString] = {}
#: the same for the message ids of `blocktrans` (the text before its values are put in)
_plain: dict[tuple[str | None, str], str] = {}


def trans(message: str) -> SafeString:
    """`{% trans "…" %}`: Django takes a string written in a template as safe, and so its translation. The
    catalogs are read once per process (as Django's are), so a translation is remembered by language."""
    key = (get_language(), message)
    text = _translated.get(key)
    if text is None:
        text = _translated[key] = SafeString(gettext(message))
    return text


def ptrans(context: str, message: str) -> SafeString:
    """`{% trans "…" context "…" %}`."""
    return SafeString(pgettext(context, message))


def url(view_name: str, *args) -> str:
    return remembered_reverse(view_name, args, {}, None)


def per_render(language: str | None) -> dict:
    """What a page's render binds once, for the current `language` (`views._render_jinja` puts it in the context), each a context-local
    lookup otherwise made at every use (a few microseconds each, the time zone's the most when none was
    activated, as Django raises and catches an AttributeError to find that out):

    - `url` with the URL configuration, script prefix and language read at the start rather than at each of a
      page's fifty links. It finds the URL under the same key as `remembered_reverse` and asks it on a miss,
      so it returns exactly what `{% url %}` would;
    - `_` and `blocktrans` with the language (the same remembered translations as `trans`, `blocktrans`);
    - `_tz`, the current time zone (None when USE_TZ is off), which the `date` filter converts a datetime to
      (`_date`)."""
    inputs = (get_urlconf(), get_script_prefix(), language)
    store = remembered_urls._remembered

    def bound_url(view_name: str, *args) -> str:
        found = store.get((view_name, args, (), None, *inputs))
        return found if found is not None else remembered_reverse(view_name, args, {}, None)

    def bound_trans(message: str) -> SafeString:
        text = _translated.get((language, message))
        return text if text is not None else trans(message)

    def bound_blocktrans(message: str, **values) -> SafeString:
        text = _plain.get((language, message))
        if text is None:
            text = _plain[(language, message)] = gettext(message)
        return SafeString(text % {k: conditional_escape(v) for k, v in values.items()} if values else text)

    tz = get_current_timezone() if settings.USE_TZ else None
    return {"url": bound_url, "_": bound_trans, "blocktrans": bound_blocktrans, "_tz": tz}


def blocktrans(message: str, **values) -> SafeString:
    """`{% blocktrans with name=value %}…{{ name }}…{% endblocktrans %}`: message id with %(name)s."""
    text = gettext(message)
    return SafeString(text % {k: conditional_escape(v) for k, v in values.items()} if values else text)


def nblocktrans(singular: str, plural: str, count, **values) -> SafeString:
    """`{% blocktrans count n=… %}…{% plural %}…{% endblocktrans %}`."""
    return SafeString(ngettext(singular, plural, count) % {k: conditional_escape(v) for k, v in values.items()})


def query_with(request, **changes) -> str:
    from xxgk.portal.templatetags.portal import query_with as tag

    return tag({"request": request}, **changes)


def query_without(request, *names) -> list:
    from xxgk.portal.templatetags.portal import query_without as tag

    return tag({"request": request}, *names)


def available_languages() -> list[tuple[str, str]]:
    """`{% get_available_languages %}`: the languages with their names translated."""
    return [(code, gettext(name)) for code, name in settings.LANGUAGES]


#: path -> its URL (`static`), per process
_static_urls: dict[str, str] = {}


def static(path: str) -> str:
    """`{% static path %}`, remembered: the staticfiles storage hashes the name and joins it to STATIC_URL
    (tens of microseconds a file), the same answer while the process runs."""
    url = _static_urls.get(path)
    if url is None:
        url = _static_urls[path] = django_static(path)
    return url


@pass_context
def _date(context, value, arg=None):
    """Django's `date` filter, given the value in the current time zone as Django's engine gives it
    (`template_localtime`, with the zone `per_render` read). The two formats these pages use are written
    directly (Django's formatter reads the format settings and the translations for every date, and a list
    page shows forty): "c" is `isoformat()` and "Y-m-d" the date's digits, exactly as `django.utils.dateformat`
    writes them."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        tz = context.get("_tz")
        # a plain aware datetime (not a subclass, which might say `convert_to_local_time = False`) with time zones
        # on (`_tz` is None without them): what `template_localtime` converts, converted here without its lookups
        if tz is not None and type(value) is datetime.datetime and value.utcoffset() is not None:
            value = value.astimezone(tz)
        else:
            value = template_localtime(value)
        if arg == "Y-m-d":
            return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
        if arg == "c":
            return value.isoformat()
    return defaultfilters.date(value, arg)


def _truncatechars(value, length):
    """Django's `truncatechars`, which returns a text no longer than `length` as it is (in NFC) after looking up
    the translated ellipsis and counting its characters: such a text, already in NFC, is returned at once."""
    if type(value) is str and type(length) is int and 0 < len(value) <= length and is_normalized("NFC", value):
        return value
    return defaultfilters.truncatechars(value, length)


def _default(value, fallback):
    return defaultfilters.default(value, fallback)


#: a short str or an int -> it escaped (`_finalize`): most of a page's values are the same on every page of a site (its links,
#: names, labels, dates); emptied when it holds `ESCAPED_SIZE`, so it never grows past that
_escaped: dict[str, SafeString] = {}
ESCAPED_SIZE = 4096
ESCAPED_LENGTH = 100


def _finalize(value):
    """Every `{{ value }}`: Django's `conditional_escape`, with its commonest cases written out: a plain str or int
    escaped as `escape` does (the same `html.escape` of its text, without the lazy-string checks) and remembered
    when short (a lookup takes a tenth of the escaping, a record page has sixty), a SafeString as it is (its
    `__html__`)."""
    kind = type(value)
    if kind is str or kind is int:
        escaped = _escaped.get(value)
        if escaped is None:
            text = value if kind is str else str(value)
            escaped = SafeString(html.escape(text))
            if len(text) <= ESCAPED_LENGTH:
                if len(_escaped) >= ESCAPED_SIZE:
                    _escaped.clear()
                _escaped[value] = escaped
        return escaped
    if kind is SafeString:
        return value
    return conditional_escape(value)


#: the helpers the templates call that take no context (`environment` checks): called directly
PLAIN_CALLS = frozenset(
    {
        "_",
        "pgettext",
        "blocktrans",
        "nblocktrans",
        "url",
        "static",
        "get_language",
        "available_languages",
        "messages",
        "query_with",
        "query_without",
        "page_window",
    }
)


def _assigned_names(template: nodes.Template) -> set[str]:
    """The names a template gives a value itself (set, for, macro parameters, imports): these are not the
    environment's helpers, whatever they are called."""
    names = {n.name for n in template.find_all(nodes.Name) if n.ctx in ("store", "param")}
    for imported in template.find_all(nodes.FromImport):
        names.update(alias if isinstance(alias, str) else alias[-1] for alias in imported.names)
    names.update(imported.target for imported in template.find_all(nodes.Import))
    return names


def _const(value, node: nodes.Node) -> nodes.Const:
    return nodes.Const(value, lineno=node.lineno)


def _safe(text: str, node: nodes.Node) -> nodes.MarkSafe:
    return nodes.MarkSafe(_const(str(text), node), lineno=node.lineno)


class _FoldConstants(NodeTransformer):
    """Puts what a helper answers for constant arguments in one language in place of the call: a translated
    string as safe text (`{% trans %}` takes it as safe), the language, the list of languages. A loop over a few
    constant values (the record page's five stars) is written out once per value, its variable a constant, so
    that what it writes folds too."""

    #: the most values a loop is written out for
    UNROLL = 10

    def __init__(self, assigned: set[str]):
        self.assigned = assigned

    def visit_Call(self, node: nodes.Call) -> nodes.Node:
        node = self.generic_visit(node)
        callee = node.node
        if (
            not isinstance(callee, nodes.Name)
            or callee.name in self.assigned
            or node.dyn_args
            or node.dyn_kwargs
            or not all(isinstance(arg, nodes.Const) and isinstance(arg.value, str) for arg in node.args)
            or not all(isinstance(kw.value, nodes.Const) for kw in node.kwargs)
        ):
            return node
        args = [arg.value for arg in node.args]
        values = {kw.key: kw.value.value for kw in node.kwargs}
        if callee.name == "blocktrans" and len(args) == 1:
            return _safe(blocktrans(args[0], **values), node)
        if values:
            return node
        if callee.name == "_" and len(args) == 1:
            return _safe(gettext(args[0]), node)
        if callee.name == "pgettext" and len(args) == 2:
            return _safe(pgettext(*args), node)
        if callee.name == "get_language" and not args:
            return _const(get_language(), node)
        if callee.name == "available_languages" and not args:
            return _const(tuple(available_languages()), node)
        return node

    def visit_For(self, node: nodes.For) -> nodes.Node | list[nodes.Node]:
        values = node.iter.value if isinstance(node.iter, nodes.Const) else None
        if (
            not isinstance(values, (str, tuple))
            or not 0 < len(values) <= self.UNROLL
            or not isinstance(node.target, nodes.Name)
            or node.else_
            or node.test is not None
            or node.recursive
            # nothing in the body that a loop scopes: `loop`, assignments, macros, call blocks
            or any(
                isinstance(inner, (nodes.Assign, nodes.AssignBlock, nodes.Macro, nodes.CallBlock, nodes.Block))
                or (isinstance(inner, nodes.Name) and (inner.name == "loop" or inner.ctx != "load"))
                for statement in node.body
                for inner in (statement, *statement.find_all(nodes.Node))
            )
        ):
            return self.generic_visit(node)
        unrolled = []
        for value in values:
            for statement in node.body:
                copy = _Substitute(node.target.name, value).visit(_copy(statement))
                unrolled.append(self.visit(copy))
        return unrolled


def _copy(node: nodes.Node) -> nodes.Node:
    """A node and everything under it, new (the environment it refers to shared)."""

    def copy(value):
        if isinstance(value, nodes.Node):
            return _copy(value)
        if isinstance(value, list):
            return [copy(item) for item in value]
        return value

    fields = (copy(getattr(node, name)) for name in node.fields)
    return type(node)(*fields, **{name: getattr(node, name, None) for name in node.attributes})


class _Substitute(NodeTransformer):
    """A loop's body with its variable replaced by one of its values."""

    def __init__(self, name: str, value):
        self.name, self.value = name, value

    def visit_Name(self, node: nodes.Name) -> nodes.Node:
        return _const(self.value, node) if node.name == self.name else node


class _CodeGenerator(CodeGenerator):
    """Writes `finalize(value)` for a `{{ value }}` where Jinja2 writes `escape(finalize(value))` with autoescaping
    on: `_finalize` has escaped it already (and markupsafe's `escape` of escaped, safe text is the same text).
    Calls a helper of `PLAIN_CALLS` directly, where Jinja2 writes `context.call(helper, …)`."""

    def visit_Template(self, node, frame=None) -> None:
        self._assigned = _assigned_names(node)
        super().visit_Template(node, frame)

    def visit_Call(self, node, frame, forward_caller: bool = False) -> None:
        callee = node.node
        if (
            forward_caller
            or self.environment.is_async
            or self.environment.sandboxed
            or not isinstance(callee, nodes.Name)
            or callee.name not in PLAIN_CALLS
            or callee.name in self._assigned
        ):
            super().visit_Call(node, frame, forward_caller=forward_caller)
            return
        self.visit(callee, frame)
        # `signature` writes each argument after ", ": written aside, then without the first comma
        stream, self.stream = self.stream, StringIO()
        try:
            self.signature(node, frame)
        finally:
            arguments, self.stream = self.stream.getvalue(), stream
        self.write(f"({arguments.removeprefix(', ')})")

    def _finalize_escapes(self, frame, finalize) -> bool:
        return frame.eval_ctx.autoescape and not frame.eval_ctx.volatile and finalize.src is not None

    def _output_child_pre(self, node, frame, finalize) -> None:
        if self._finalize_escapes(frame, finalize):
            self.write(finalize.src)
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node, frame, finalize) -> None:
        if self._finalize_escapes(frame, finalize):
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)


class _Environment(Environment):
    code_generator_class = _CodeGenerator
    #: the language of an overlay made by `template` (its constants folded); None in the environment itself
    language: str | None = None

    def _parse(self, source, name, filename):
        tree = super()._parse(source, name, filename)
        if self.language is not None:
            with override(self.language):
                tree = _FoldConstants(_assigned_names(tree)).visit(tree)
            tree.set_environment(self)
        return tree

    def make_globals(self, d):
        """A template's globals as one dict, the environment's and then its own, where Jinja2 makes a ChainMap: each
        render copies them into its context, which took 8 µs from a ChainMap (its keys and values looked up in
        Python). The helpers are all set before a template is compiled (`environment`)."""
        return {**self.globals, **(d or {})}


#: language -> the environment's overlay for it; (language, template name) -> (Jinja2 template, Django's wrapper)
_languages: dict[str, _Environment] = {}
_templates: dict[tuple[str | None, str], tuple] = {}


def language_environment(backend, language: str) -> _Environment:
    """The overlay of the Jinja2 engine `backend`'s environment that compiles templates for `language`."""
    overlay = _languages.get(language)
    if overlay is None:
        # a cache of its own (an overlay copies its parent's compiled templates otherwise), no bytecode cache
        overlay = backend.env.overlay(cache_size=400, bytecode_cache=None)
        overlay.language = language
        overlay = _languages.setdefault(language, overlay)
    return overlay


def template(backend, name: str, language: str | None) -> DjangoJinjaTemplate:
    """The template `name` of the Jinja2 engine `backend` compiled for `language` (its translated strings
    written in), wrapped as the engine's `get_template` does; the environment's own without a language."""
    env = backend.env if language is None else language_environment(backend, language)
    compiled = env.get_template(name)  # compiled once; checked for changes when auto_reload (DEBUG) is on
    known = _templates.get((language, name))
    if known is None or known[0] is not compiled:
        known = _templates[(language, name)] = (compiled, DjangoJinjaTemplate(compiled, backend))
    return known[1]


def _forget(**_kwargs) -> None:
    _languages.clear()
    _templates.clear()
    _static_urls.clear()
    _translated.clear()
    _plain.clear()


setting_changed.connect(_forget)  # the tests' settings: translations, static files, the URLs


def environment(**options) -> Environment:
    env = _Environment(finalize=_finalize, keep_trailing_newline=True, **options)
    env.globals.update(
        {
            "_": trans,
            "pgettext": ptrans,
            "blocktrans": blocktrans,
            "nblocktrans": nblocktrans,
            "url": url,
            "static": static,
            "get_language": get_language,
            "available_languages": available_languages,
            "messages": get_messages,
            "query_with": query_with,
            "query_without": query_without,
            "page_window": page_window,
        }
    )
    takes_context = [name for name in PLAIN_CALLS if getattr(env.globals[name], "jinja_pass_arg", None) is not None]
    if takes_context:
        raise ImproperlyConfigured(f"the Jinja2 helpers {takes_context} take the context: not in PLAIN_CALLS")
    env.filters.update(
        {
            "date": _date,
            "truncatechars": _truncatechars,
            "urlencode": defaultfilters.urlencode,
            "filesizeformat": defaultfilters.filesizeformat,
            "default": _default,
        }
    )
    return env
