"""Every public route, reversed with sample arguments, resolves back to itself: the portal's patterns are in the
order of how often they are read (xxgk/portal/urls.py), so none may shadow one after it."""

from __future__ import annotations

import re

from django.urls import resolve, reverse

from xxgk.portal import urls as portal_urls

SAMPLES = {"slug": "demo-u", "int": "7", "str": "12"}


def test_each_portal_route_resolves_to_itself():
    for pattern in portal_urls.urlpatterns:
        route = str(pattern.pattern)
        # the converters the route names (`<slug:slug>`), or str when it names none (`<section>`)
        kwargs = {
            name: SAMPLES.get(converter, "12") if converter else "records"
            for converter, name in re.findall(r"<(?:(\w+):)?(\w+)>", route)
        }
        url = reverse(f"portal:{pattern.name}", kwargs=kwargs)
        match = resolve(url)
        assert match.view_name == f"portal:{pattern.name}", (route, url, match.view_name)
        assert {name: str(match.kwargs[name]) for name in kwargs} == kwargs, (route, url)
