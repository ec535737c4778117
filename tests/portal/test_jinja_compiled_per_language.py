"""The Jinja2 pages are compiled once per language with their translated strings written in
(xxgk/portal/jinja.py): what a compiled template writes is the translation `_` would have given in that
language, a template that gives `_` a value of its own is left as written, the helpers the templates call
directly take no context, a page's context cannot replace one, and the remembered static URLs and compiled
languages are forgotten when a setting changes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template import engines
from django.test import RequestFactory
from django.utils.translation import gettext, override
from jinja2 import pass_context

from xxgk.portal import jinja as portal_jinja
from xxgk.portal import views


def _refuse(*_args, **_kwargs):
    raise AssertionError("asked at render time")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_translations_are_compiled_into_each_languages_template(language):
    env = portal_jinja.language_environment(engines["jinja2"], language)
    page = env.from_string('<a title="{{ _("首页") }}">{{ _("信息详情") }}</a>{{ get_language() }}')
    with override(language):
        expected = f'<a title="{gettext("首页")}">{gettext("信息详情")}</a>{language}'
    # rendered in another language, with helpers that fail if called: the text was written in when compiled
    with override("zh-hans" if language == "en" else "en"):
        assert page.render({"_": _refuse, "get_language": _refuse}) == expected
    if language == "en":
        assert "Home" in expected  # the English catalog was read, not the message id


def test_a_template_that_assigns_a_helper_name_keeps_its_own():
    env = portal_jinja.language_environment(engines["jinja2"], "en")
    page = env.from_string('{% set _ = shout %}{{ _("首页") }}')
    assert page.render({"shout": lambda text: text + "！"}) == "首页！"


def test_the_helpers_called_directly_take_no_context(monkeypatch):
    backend = engines["jinja2"]
    assert set(portal_jinja.PLAIN_CALLS) <= set(backend.env.globals)

    @pass_context
    def static_with_context(context, path):
        return path

    monkeypatch.setattr(portal_jinja, "static", static_with_context)
    with pytest.raises(ImproperlyConfigured):
        portal_jinja.environment(loader=backend.env.loader)


def test_a_page_context_cannot_replace_a_helper():
    request = RequestFactory().get("/")
    with pytest.raises(ValueError):
        views._render_jinja(request, "portal/home.html", {"url": lambda *args: "/elsewhere/"})


def test_static_urls_and_compiled_languages_follow_the_settings(settings):
    assert portal_jinja.static("xxgk/site.css").startswith(settings.STATIC_URL)
    portal_jinja.language_environment(engines["jinja2"], "en")
    settings.STATIC_URL = "/elsewhere-static/"
    assert portal_jinja.static("xxgk/site.css").startswith("/elsewhere-static/")
    assert "en" not in portal_jinja._languages


def test_a_loop_over_a_few_constants_is_written_out_with_its_text():
    env = portal_jinja.language_environment(engines["jinja2"], "en")
    source = '{% for n in "321" %}<i title="{{ blocktrans("%(n)s 星", n=n) }}">{{ n }}{{ x }}</i>{% endfor %}'
    page = env.from_string(source)
    with override("en"):
        stars = [gettext("%(n)s 星") % {"n": n} for n in "321"]
    # written out: no loop, nothing asked at render time but `x`
    assert "for l_1_n" not in env.compile(source=source, raw=True)
    assert page.render({"x": "&", "blocktrans": _refuse}) == "".join(
        f'<i title="{star}">{n}&amp;</i>' for star, n in zip(stars, "321", strict=True)
    )
    # what a loop scopes (loop.…, a set) or more values than are written out: a loop as written
    for kept in (
        '{% for n in "321" %}{{ loop.index }}{{ n }}{% endfor %}',
        '{% for n in "321" %}{% set m = n %}{{ m }}{% endfor %}',
        '{% for n in "' + "1" * 11 + '" %}{{ n }}{% endfor %}',
        '{% for n in "321" %}{{ n }}{% else %}none{% endfor %}',
    ):
        compiled = env.compile(source=kept, raw=True)
        assert "for l_1_n" in compiled, kept
        assert env.from_string(kept).render() == engines["jinja2"].env.from_string(kept).render()
