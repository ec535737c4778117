"""The pages rendered by Jinja2 (home, catalog item, record: xxgk/portal/jinja.py) are the HTML Django's engine
made of them, character for character: each page is rendered again, from the context its view gave, by Django's
engine with the Django templates these pages had (tests/portal/django_reference/, with the site's own base and
partials), and the two must be equal — with quotes and markup in the data, in both languages, for a visitor and
for signed-in staff, with attachments, corrections, a 公示 and pagination with filters."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.backends.django import DjangoTemplates
from django.urls import reverse

from tests.portal.conftest import bulk_published, item, published
from xxgk.portal import views
from xxgk.publishing import services

REFERENCE = Path(__file__).parent / "django_reference"
TRICKY = """关于"奖学金"评定的 <通知> & 'A&B' 说明"""


def _reference_engine() -> DjangoTemplates:
    main = settings.TEMPLATES[0]
    return DjangoTemplates(
        {
            "NAME": "reference",
            "DIRS": [REFERENCE, *main["DIRS"]],
            "APP_DIRS": True,
            "OPTIONS": dict(main["OPTIONS"]),
        }
    )


def _masked(html: str) -> str:
    """A CSRF token is masked afresh on every render: compare the pages without its value."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken" value="…"', html)


@pytest.fixture
def both(monkeypatch):
    """GET a page; returns (what Jinja2 rendered, what Django's engine renders from the same context)."""
    seen = {}
    jinja_render = views._render_jinja

    def capture(request, template_name, context):
        seen.update(request=request, name=template_name, context=dict(context))
        return jinja_render(request, template_name, context)

    monkeypatch.setattr(views, "_render_jinja", capture)
    engine = _reference_engine()

    def get(client, url, **extra):
        response = client.get(url, **extra)
        assert response.status_code == 200
        jinja_html = response.content.decode()
        django_html = engine.get_template(seen["name"]).render(seen["context"], seen["request"])
        return _masked(jinja_html), _masked(django_html)

    return get


@pytest.fixture
def full_world(world):
    """Records with every part of a page: markup-like characters, a file, a correction, a 公示, 45 more."""
    entry = item(world, 37)
    rec = published(world, TRICKY, items=[entry, item(world, 8)], doc_number="海理工〔2024〕1号", summary="<b>概述</b>")
    services.correct(world.office, rec, {"title": TRICKY + "（更正）"}, reason='补充 "原因" <说明>')
    draft = services.create_draft(world.drafter_a, world.dept_a, {"title": "附件通知", "formed_on": date(2024, 3, 1)})
    services.add_attachment(world.drafter_a, draft, SimpleUploadedFile("名单 'a'.txt", "名单内容".encode() * 100))
    services.submit(world.drafter_a, draft)
    world.through_chain(draft)
    notice = published(
        world, "公示", is_notice=True, notice_start=date(2024, 3, 4), notice_days=5, objection_contact="处"
    )
    bulk_published(world, 45, items=[entry])
    return {"record": rec, "attachment": draft, "notice": notice, "item": entry}


def _pages(world, full):
    slug = world.institution.slug
    yield reverse("portal:home", args=[slug])
    yield reverse("portal:item", args=[slug, full["item"].number])
    yield reverse("portal:item", args=[slug, full["item"].number]) + "?page=2&q=%22x%22%3C&year=2024"
    yield reverse("portal:item", args=[slug, full["item"].number]) + f"?department={world.dept_a.pk}&page=3"
    yield reverse("portal:item", args=[slug, "8"])
    for key in ("record", "attachment", "notice"):
        yield reverse("portal:record", args=[slug, full[key].pk])


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_visitor_pages_are_the_same_html(client, world, full_world, both, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for url in _pages(world, full_world):
        jinja_html, django_html = both(client, url)
        assert jinja_html == django_html, url


def test_signed_in_staff_see_the_same_html(client, world, full_world, both):
    client.force_login(world.office)
    for url in _pages(world, full_world):
        jinja_html, django_html = both(client, url)
        assert 'name="csrfmiddlewaretoken"' in jinja_html  # the sign-out form
        assert jinja_html == django_html, url
