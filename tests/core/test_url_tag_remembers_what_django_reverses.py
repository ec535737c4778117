"""`{% url %}` (xxgk/core/templatetags/remembered_urls.py, a template builtin) gives what Django's reverse gives,
also when what the URL depends on changes between two renders, and never remembers a failure."""

from __future__ import annotations

import pytest
from django.template import engines
from django.urls import NoReverseMatch, clear_script_prefix, get_script_prefix, reverse, set_script_prefix
from django.utils import translation

from xxgk.core.templatetags import remembered_urls


def _render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_every_template_uses_it():
    template = engines["django"].from_string("{% url 'portal:home' 'abc' %}").template
    assert isinstance(template.nodelist[0], remembered_urls.RememberedURLNode)


def test_same_as_reverse_for_each_argument():
    for slug, pk in [("abc", 1), ("abc", 2), ("xyz", 1), ("abc", 1)]:
        assert _render("{% url 'portal:record' slug pk %}", slug=slug, pk=pk) == reverse(
            "portal:record", args=[slug, pk]
        )
    assert _render("{% url 'portal:item' slug=s number=n %}", s="abc", n="X1") == "/abc/catalog/X1/"


def test_a_new_script_prefix_gives_new_urls():
    before = get_script_prefix()
    assert _render("{% url 'portal:home' 'abc' %}") == "/abc/"
    try:
        set_script_prefix("/xxgk/")
        assert _render("{% url 'portal:home' 'abc' %}") == "/xxgk/abc/"
    finally:
        clear_script_prefix()
        set_script_prefix(before)
    assert _render("{% url 'portal:home' 'abc' %}") == "/abc/"


def test_the_language_is_part_of_what_is_remembered():
    with translation.override("en"):
        english = _render("{% url 'portal:home' 'abc' %}")
    assert english == _render("{% url 'portal:home' 'abc' %}") == "/abc/"  # no language prefix in xxgk's URLs
    assert any(key[-1] == "en" for key in remembered_urls._remembered)


def test_a_failure_is_raised_each_time_and_never_remembered():
    size = len(remembered_urls._remembered)
    for _ in range(2):
        with pytest.raises(NoReverseMatch):
            _render("{% url 'portal:record' 'abc' 'not-a-number' %}")
    assert len(remembered_urls._remembered) == size
    assert _render("{% url 'portal:record' 'abc' 'x' as link %}[{{ link }}]") == "[]"


def test_escaped_like_django_escapes():
    assert _render("{% url 'portal:search' 'abc' %}?q={{ q }}", q="<b>") == "/abc/search/?q=&lt;b&gt;"


def test_it_forgets_the_oldest_beyond_its_size(monkeypatch):
    monkeypatch.setattr(remembered_urls, "SIZE", 3)
    for pk in range(10):
        _render("{% url 'portal:record' 'abc' pk %}", pk=pk)
    assert len(remembered_urls._remembered) <= 3
