"""Every kind of page runs under the Content-Security-Policy with no violation in Chromium's console:
the public home, a record, the search, the FOI application form, the mailbox form, the staff login,
the workbench record page (with an attachment and its delete form) and the FOI list; the site's own
script still works (大字模式)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.browser.conftest import login
from tests.personas import build_world
from xxgk.catalog.loader import load_checklist
from xxgk.oversight import services as oversight
from xxgk.oversight.models import MailboxKind
from xxgk.portal import cache as portal_cache
from xxgk.publishing import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COLLECT_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sample || ""));
});
"""


@pytest.fixture
def site(live_server):
    load_checklist()
    portal_cache.clear()
    world = build_world()
    record = services.create_draft(
        world.drafter_a,
        world.dept_a,
        {
            "title": "关于做好2024年家庭经济困难学生认定工作的通知",
            "formed_on": date(2024, 3, 1),
            "body": "<p>各学院。</p>",
        },
    )
    services.add_attachment(world.drafter_a, record, SimpleUploadedFile("认定名单.txt", "名单".encode()))
    services.submit(world.drafter_a, record)
    world.through_chain(record)
    draft = services.create_draft(
        world.drafter_a,
        world.dept_a,
        {"title": "草稿：宿舍检查", "formed_on": date(2024, 3, 2), "body": "<p>草稿。</p>"},
    )
    services.add_attachment(world.drafter_a, draft, SimpleUploadedFile("检查表.txt", "检查表".encode()))
    box = oversight.create_mailbox(world.office, world.institution, name="校长信箱", kind=MailboxKind.PRESIDENT)
    return world, record, draft, box


def watched(new_page):
    page = new_page()
    messages = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}") if m.type in {"error", "warning"} else None)
    page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
    page.add_init_script(COLLECT_VIOLATIONS)
    return page, messages


def visit(page, messages, url, status=200):
    response = page.goto(url)
    page.wait_for_load_state("load")
    assert response.status == status, url
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
    violations = page.evaluate("window.__csp")
    if status != 200:  # Chromium logs the page's own status as an error
        own = f"error: Failed to load resource: the server responded with a status of {status}"
        messages[:] = [m for m in messages if not m.startswith(own)]
    assert violations == [] and messages == [], (url, violations, messages)


def test_public_pages_have_no_violation(new_page, live_server, site):
    world, record, draft, box = site
    page, messages = watched(new_page)
    base = live_server.url
    for path in (
        "/hblg/",
        f"/hblg/records/{record.pk}/",
        "/hblg/search/?q=家庭经济困难",
        "/hblg/apply/",
        f"/hblg/mailbox/{box.pk}/write/",
        "/hblg/mailbox/lookup/",
        "/accounts/login/",
    ):
        visit(page, messages, base + path)
    visit(page, messages, f"{base}/hblg/no-such-page/", status=404)
    # the site's own script runs: larger text on, remembered on the next page
    page.goto(f"{base}/hblg/")
    page.click("#large-text")
    assert "large-text" in page.evaluate("document.documentElement.className")
    page.goto(f"{base}/hblg/records/{record.pk}/")
    assert "large-text" in page.evaluate("document.documentElement.className")
    assert page.locator("button[data-print]").count() == 1
    assert page.evaluate("window.__csp") == [] and messages == []


def test_staff_pages_have_no_violation(new_page, live_server, site):
    world, record, draft, box = site
    page, messages = watched(new_page)
    base = live_server.url
    login(page, base, "drafter_a")
    visit(page, messages, f"{base}/staff/records/{draft.pk}/")
    assert page.locator("form.inline button", has_text="删除").count() == 1
    visit(page, messages, f"{base}/staff/")
    office, office_messages = watched(new_page)
    login(office, base, "office")
    for path in ("/staff/foi/", "/staff/oversight/", f"/staff/records/{record.pk}/"):
        visit(office, office_messages, base + path)
