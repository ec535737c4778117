"""Every URL pattern, walked as anonymous and as each role with hostile path values, query strings and
form bodies, answers without a 5xx: bad input is a 404, a 400 or the page with a message.

The patterns come from the URL resolver itself, so a new URL is fuzzed the day it is added. Path
values are a real object's id or code and values no database can hold (ids past 64 bits, odd Unicode
digits); query strings carry out-of-range years and pages, non-ASCII digits, NUL bytes and repeats.
"""

from __future__ import annotations

import re
from functools import partial
from urllib.parse import parse_qsl

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.demo_once import demo_loaded

HUGE = "99999999999999999999"
HOSTILE_QUERIES = [
    "",
    f"year=9999&page={HUGE}&department={HUGE}&item=-1&q=学校&institution=nope&start=2023-02-30&end=abc",
    "year=²&page=²&department=１２&item=%00&q=%00&state=zzz&kind=zzz&period=zzz&fmt=zzz&o=99&p=²&institution=",
    f"year=0&year=99999&page=-1&page=0&q={'学' * 300}&department=1&department=x&from=9999-99-99&to=0000-00-00",
]
HOSTILE_FORM = {
    "title": "x" * 5000,
    "year": "99999",
    "page": "²",
    "comment": "",
    "reason": "",
    "expected_revision": HUGE,
    "received_on": "2023-02-30",
    "due_on": "9999-99-99",
    "department": HUGE,
    "institution": "nope",
    "items": ["x", HUGE],
    "count": "１２",
    "stars": "99",
    "query_code": "%00",
    "password": "",
    "code": "\x00",
    "deadline_days": "99999",
    "extension_days": "-1",
    "handlers": [HUGE, "x"],
    "order": HUGE,
    "revision": "²",
}
ROLES = [
    None,
    "superuser",
    "hntou-office",
    "hntou-drafter",
    "hntou-checker",
    "hntou-secrecy",
    "hntou-signer",
    "province-supervisor",
]


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker, tmp_path_factory):
    from xxgk.demo.loader import load_demo

    with demo_loaded(
        django_db_blocker, partial(load_demo, annual_reports=False), MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))
    ):
        yield


@pytest.fixture(autouse=True)
def _every_post_reaches_its_view(settings):
    """Without this, the per-visitor ceiling on anonymous POSTs would answer 429 long before the last URL."""
    settings.XXGK_PUBLIC_RATE_LIMITS = False


def _routes(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _routes(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


def _real_values() -> dict[str, str]:
    """A real value for each path parameter name, from the demo."""
    from xxgk.catalog.models import CatalogItem
    from xxgk.core.links import case_token
    from xxgk.foi.models import Application, ReplyFile
    from xxgk.oversight.models import Letter, LetterAttachment, LetterReply, Mailbox, OutsideReport
    from xxgk.publishing.models import Attachment, Record

    def first_id(model):
        obj = model.objects.order_by("pk").first()
        return str(obj.pk) if obj else "1"

    app = Application.objects.order_by("pk").first()
    return {
        "slug": "hntou",
        "pk": first_id(Record),
        "attachment_pk": first_id(Attachment) if Attachment.objects.exists() else first_id(LetterAttachment),
        "box_id": first_id(Mailbox),
        "letter_id": first_id(Letter),
        "code": app.code if app else "X",
        "number": CatalogItem.objects.filter(institution__slug="hntou").values_list("number", flat=True).first(),
        "fmt": "pdf",
        "action": "approve",
        "kind": "letter",
        "section": "records",
        "content_type_id": "1",
        "object_id": "1",
        "id": "1",
        "url": "",
        "app_label": "core",
        "reply": first_id(LetterReply),
        "file_pk": first_id(ReplyFile),
        "token": case_token("application", app.pk) if app else "nope",
        "report_id": first_id(OutsideReport),  # the demo's report of an institution outside the platform
    }


_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def _urls(route: str, real: dict[str, str]) -> list[str]:
    """The route with real values, then with each parameter made hostile in turn."""
    if route.startswith("admin/^") or route.startswith("admin/(?P"):
        return ["/admin/core/", "/admin/nope/"]
    names = [m.group(2) for m in _PARAM.finditer(route)]

    def fill(values):
        return "/" + _PARAM.sub(lambda m: values.get(m.group(2), "1"), route)

    urls = [fill(real)]
    for name in names:
        for bad in (HUGE, "0", "nope"):
            urls.append(fill({**real, name: bad}))
    return list(dict.fromkeys(urls))


def _client(username):
    client = Client(raise_request_exception=False)
    if username == "superuser":
        client.force_login(get_user_model().objects.create_superuser("fuzz-admin", password="x"))
    elif username:
        client.force_login(get_user_model().objects.get(username=username))
    return client


def _data(query: str) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        data.setdefault(key, []).append(value)
    return data


@pytest.mark.parametrize("username", ROLES, ids=[r or "anonymous" for r in ROLES])
def test_no_url_answers_5xx(_demo, db, username):
    client = _client(username)
    real = _real_values()
    failures = []
    routes = list(dict.fromkeys(_routes(get_resolver().url_patterns)))
    assert len(routes) > 100
    for route in routes:
        urls = _urls(route, real)
        for i, url in enumerate(urls):
            queries = HOSTILE_QUERIES if i == 0 else HOSTILE_QUERIES[:2]
            for query in queries:
                response = client.get(url, _data(query))
                if response.status_code >= 500:
                    failures.append(f"GET {url}?{query} → {response.status_code}")
            response = client.post(url, HOSTILE_FORM)
            if response.status_code >= 500:
                failures.append(f"POST {url} → {response.status_code}")
    assert not failures, f"{len(failures)} requests answered 5xx:\n" + "\n".join(failures[:80])
