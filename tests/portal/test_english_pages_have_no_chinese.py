"""A visitor who chose English sees no Chinese interface text on a public page: the portal, the request
form, its notes and flow (申请须知), its receipt and status lookup (refusal and 429 included), the mailboxes, a letter's receipt and
lookup (refusal and lock included), the 429 page, the 404 page and the login page (wrong password and
lockout). Chinese that is data (the university's, offices' and mailboxes' names, the catalog, records,
what the visitor typed) may stay; every other run of Chinese characters fails the test, naming it."""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client

from tests.foi.conftest import applicant
from tests.portal.conftest import published
from xxgk.catalog.models import CatalogItem, ChecklistCategory, ChecklistItem
from xxgk.foi import apply_guide
from xxgk.foi import spam as foi_spam
from xxgk.foi.models import RuleSet
from xxgk.org.models import Department, Institution
from xxgk.oversight import services as oversight_services
from xxgk.oversight import views as oversight_views
from xxgk.oversight.models import Letter, Mailbox, MailboxKind
from xxgk.publishing.models import Record

HAN = re.compile(r"[\u3400-\u9fff]+")
# Chinese on purpose: the language switcher names 简体中文 in Chinese under a bilingual 语言 / Language
# label, and the no-results hint suggests Chinese search words with their English meaning.
ALLOWED = {"简体中文", "语言", "招生", "收费", "年度报告"}
ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "value", "content"}


class _Text(HTMLParser):
    """The text a visitor sees or hears: text outside script and style, and the labelling attributes."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self.parts.extend(v for k, v in attrs if k in ATTRIBUTES and v)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _data_corpus(*typed: str) -> str:
    """Every text value of the data a public page shows, and what the visitor typed."""
    values = list(typed)
    for model in (Institution, Department, ChecklistCategory, ChecklistItem, CatalogItem, Mailbox, Record, RuleSet):
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))]
        for row in model.objects.values_list(*fields):
            values.extend(str(v) for v in row if v)
    # the remedy clause the office wrote, as the notes show it (its variables filled in)
    values.extend(apply_guide.guide_context(i)["remedy"] for i in Institution.objects.all())
    return "\n".join(values)


def chinese_ui(response, *typed: str) -> list[str]:
    parser = _Text()
    parser.feed(response.content.decode())
    corpus = _data_corpus(*typed)
    return sorted({run for run in HAN.findall("\n".join(parser.parts)) if run not in ALLOWED and run not in corpus})


@pytest.fixture
def english(world, monkeypatch, settings):
    settings.DEBUG = False
    settings.XXGK_PUBLIC_RATE_LIMITS = True
    monkeypatch.setattr(oversight_views, "FORM_MIN_SECONDS", 0)
    world.box = oversight_services.create_mailbox(
        world.office, world.institution, name="校长信箱", kind=MailboxKind.PRESIDENT
    )
    published(world, "关于公布学费标准的通知")
    client = Client(REMOTE_ADDR="203.0.113.7")
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def check(response, *typed: str, status: int = 200) -> str:
    assert response.status_code == status, response.status_code
    html = response.content.decode()
    assert 'lang="en"' in html
    assert chinese_ui(response, *typed) == []
    return html


def test_portal_pages_and_the_404_are_english(english, world):
    record = Record.objects.get(title="关于公布学费标准的通知")
    for path in (
        "/hblg/",
        "/hblg/catalog/",
        "/hblg/guide/",
        "/hblg/departments/",
        "/hblg/annual-reports/",
        f"/hblg/records/{record.pk}/",
        "/hblg/search/?q=学费",
    ):
        check(english.get(path), "学费")
    check(english.get("/hblg/search/?q=没有这样的词"), "没有这样的词")
    check(english.get("/hblg/records/987654/"), status=404)


def test_request_form_receipt_and_status_lookup_are_english(english, world, settings):
    settings.FOI_LOOKUP_FAILURES_PER_HOUR = 2
    data = applicant()
    typed = tuple(str(v) for v in data.values())
    url = "/hblg/apply/"
    check(english.get(url))
    wrong = {**data, "id_number": "110105194912310021", "token": foi_spam.make_token(time.time() - 10), "website": ""}
    html = check(english.post(url, wrong), *typed, status=400)
    assert "check digit is wrong" in html
    response = english.post(url, {**data, "token": foi_spam.make_token(time.time() - 10), "website": ""})
    assert response.status_code == 302
    receipt = check(english.get(response["Location"]), *typed)
    assert "Write down the reference code and password" in receipt
    status_url = "/hblg/apply/status/"
    check(english.get(status_url))
    for _ in range(2):
        html = check(english.post(status_url, {"code": "A0000000", "secret": "WRONG00000"}), status=400)
        assert "reference code or password is wrong" in html
    html = check(english.post(status_url, {"code": "A0000000", "secret": "WRONG00000"}), status=429)
    assert "Too many failed look-ups" in html


def test_the_request_notes_and_flow_are_english(english, world):
    html = check(english.get("/hblg/apply/guide/"))
    assert "Before you apply" in html and "How a request is handled" in html
    assert "Third-party consultation" in html


def test_a_request_followed_on_its_status_page_is_english(english, world):
    from xxgk.foi import services

    receipt = services.submit_online(world.institution, applicant())
    response = english.post("/hblg/apply/status/", {"code": receipt.application.code, "secret": receipt.secret})
    assert response.status_code == 302
    check(english.get(response["Location"]), *(str(v) for v in applicant().values()))


def test_mailbox_pages_receipt_and_lookup_are_english(english, world):
    box = world.box
    for path in ("/hblg/mailbox/", f"/hblg/mailbox/{box.pk}/", f"/hblg/mailbox/{box.pk}/write/"):
        check(english.get(path))
    letter = {
        "writer_name": "林小雨",
        "writer_contact": "13912345678",
        "subject": "图书馆开放时间",
        "message": "希望考试周图书馆延长开放。",
        "wants_public_reply": "on",
        "homepage": "",
    }
    typed = tuple(letter.values())
    write = f"/hblg/mailbox/{box.pk}/write/"
    html = check(
        english.post(write, {**letter, "subject": "", "token": oversight_views.form_token(box)}), *typed, status=400
    )
    assert "Enter a subject." in html
    response = english.post(write, {**letter, "token": oversight_views.form_token(box)})
    assert response.status_code == 302
    html = check(english.get("/hblg/mailbox/receipt/"), *typed)
    password = re.search(r'id="query-password"><strong>(\w+)</strong>', html).group(1)
    code = Letter.objects.get().query_code
    assert code in html
    assert "shown only once" in check(english.get("/hblg/mailbox/receipt/"))
    lookup = "/hblg/mailbox/lookup/"
    check(english.get(lookup))
    check(english.post(lookup, {"query_code": code, "password": password}), *typed)
    for _ in range(5):
        html = check(english.post(lookup, {"query_code": code, "password": "wrong"}), *typed, status=400)
    assert "this reference code is locked for now" in html


def test_the_429_page_is_english(english, settings):
    settings.XXGK_PUBLIC_POSTS_PER_HOUR = 0
    html = check(english.post("/hblg/apply/", {}), status=429)
    assert "Too many requests" in html


def test_the_login_page_wrong_password_and_lockout_are_english(english, settings):
    settings.AXES_FAILURE_LIMIT = 3
    get_user_model().objects.create_user("clerk", password="pw-clerk")
    check(english.get("/accounts/login/"))
    for _ in range(2):
        html = check(english.post("/accounts/login/", {"username": "clerk", "password": "wrong"}))
    assert "user name or password is wrong" in html
    html = check(english.post("/accounts/login/", {"username": "clerk", "password": "wrong"}), status=429)
    assert "Login temporarily locked" in html


GLUED = re.compile(r"[\u3400-\u9fff][A-Za-z]|[A-Za-z][\u3400-\u9fff]")


def test_names_are_set_apart_from_english_headings(english, world):
    """An institution's name (data, in Chinese) is set apart from the English around it, never glued to
    it ("海滨理工大学Disclosure guide")."""
    from tests.portal.conftest import bulk_published
    from tests.portal.conftest import item as catalog_item

    bulk_published(world, 45, items=[catalog_item(world, 1)])
    name = world.institution.name
    guide = check(english.get("/hblg/guide/"))
    assert f"<h1>Disclosure guide — {name}</h1>" in guide
    assert f"<h1>Information disclosure — {name}</h1>" in check(english.get("/hblg/"))
    for path in (
        "/hblg/",
        "/hblg/guide/",
        "/hblg/catalog/",
        "/hblg/apply/",
        "/hblg/mailbox/",
        "/hblg/catalog/1/?page=2",
    ):
        html = check(english.get(path))
        for tag in ("title", "h1"):
            text = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.S).group(1)
            assert not GLUED.search(text), (path, text)
    paging = check(english.get("/hblg/catalog/1/?page=2"))
    for label in (">First</a>", ">Previous</a>", ">Last</a>", "Go to page", ">Go</button>", "Page 2 of 3"):
        assert label in paging, label


def test_the_request_form_marks_required_fields_in_english(english):
    html = check(english.get("/hblg/apply/"))
    assert "marks a required field" in html
    assert "Type of identity document (individuals)" in html
    assert "Legal persons and other organisations: enter the unified social credit code" in html


def test_sign_in_with_the_campus_identity_is_english(english, world, settings):
    """The login page's campus identity offer, the failed sign-in page and the waiting page."""
    from xxgk.accounts.services import sign_in

    settings.CAS_SERVER_URL = "https://cas.hblg.edu.cn/cas/"
    settings.CAS_INSTITUTION = "hblg"
    assert "Sign in with the campus identity" in check(english.get("/accounts/login/"))
    check(english.get("/accounts/sso-failed/"))
    english.force_login(sign_in("cas", "t1001", {"cn": "王晓明"}), backend="xxgk.accounts.backends.CASBackend")
    html = check(english.get("/accounts/waiting/"), world.institution.name, world.institution.office_name)
    assert "waiting for the university office" in html
