"""On a 390 px phone no page scrolls sideways: the main public pages, and the staff pages of a drafter and
the office (lists, a record with its screening findings, an application, a letter, the statistics tables,
the report draft, the settings pages, the 工作日 calendar). A wide table scrolls inside its own box or
stacks its cells; the page itself is never wider than the screen."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.browser.conftest import login
from tests.foi.conftest import applicant
from tests.personas import build_world
from xxgk.catalog.loader import load_checklist
from xxgk.foi import services as foi
from xxgk.oversight import services as oversight
from xxgk.oversight.models import MailboxKind
from xxgk.portal import cache as portal_cache
from xxgk.publishing import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

# the widest elements that stick out, named so that a failure says where to look
WIDE = """(w) => Array.from(document.querySelectorAll('main *, header *'))
  .filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.scroll-x, .table-wrap'))
  .slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + Math.round(e.getBoundingClientRect().right))"""


@pytest.fixture
def site(live_server):
    load_checklist()  # transactional tests flush the tables the data migration filled
    portal_cache.clear()
    world = build_world()
    today = timezone.localdate()
    record = services.create_draft(
        world.drafter_a,
        world.dept_a,
        {
            "title": "关于做好2024年家庭经济困难学生认定工作的通知",
            "formed_on": date(2024, 3, 1),
            "body": "<p>各学院。</p>",
        },
    )
    services.submit(world.drafter_a, record)
    world.through_chain(record)
    flagged = services.create_draft(
        world.drafter_a,
        world.dept_a,
        {
            "title": "奖学金获得者名单公示",
            "formed_on": today,
            "body": "<p>张小明，身份证号 11010519491231002X，电话 13800138000。</p>",
        },
    )
    services.submit(world.drafter_a, flagged)  # screening findings wait on the record page
    app = foi.submit_online(world.institution, applicant(), today=today - timedelta(days=3)).application
    box = oversight.create_mailbox(world.office, world.institution, name="校长信箱", kind=MailboxKind.PRESIDENT)
    letter, _password = oversight.submit_letter(
        box, writer_name="张三", writer_contact="zs@example.com", subject="食堂饭菜价格上涨", message="希望学校关注。"
    )
    case = oversight.record_case(
        world.office, world.institution, {"kind": "complaint", "filed_on": today, "matter": "对答复不服提出投诉"}
    )
    return world, record, flagged, app, box, letter, case


def wider_than_the_phone(page, url):
    response = page.goto(url)
    page.wait_for_load_state("load")
    assert response.status == 200, url
    width = page.evaluate("document.scrollingElement.scrollWidth")
    if width <= PHONE["width"]:
        return None
    return f"{url}: {width} px {page.evaluate(WIDE, PHONE['width'])}"


def test_public_pages_fit_a_phone(new_page, live_server, site):
    world, record, flagged, app, box, letter, case = site
    page = new_page(viewport=PHONE)
    base = f"{live_server.url}/hblg"
    paths = [
        "/",
        "/catalog/",
        "/catalog/1/",
        f"/records/{record.pk}/",
        "/search/?q=家庭经济困难",
        "/guide/",
        "/annual-reports/",
        "/departments/",
        "/apply/",
        "/apply/guide/",
        "/apply/status/",
        "/mailbox/",
        f"/mailbox/{box.pk}/write/",
        "/mailbox/lookup/",
    ]
    wide = [w for w in (wider_than_the_phone(page, base + path) for path in paths) if w]
    assert wide == []


def test_staff_pages_fit_a_phone(new_page, live_server, site):
    world, record, flagged, app, box, letter, case = site
    base = live_server.url
    drafter = new_page(viewport=PHONE)
    login(drafter, base, "drafter_a")
    drafter_paths = ["/staff/", "/staff/drafts/", "/staff/records/new/", f"/staff/records/{flagged.pk}/"]
    office = new_page(viewport=PHONE)
    login(office, base, "office")
    office_paths = [
        "/staff/",
        "/staff/records/",
        f"/staff/records/{flagged.pk}/",
        "/staff/foi/",
        f"/staff/foi/{app.pk}/",
        "/staff/foi/stats/",
        "/staff/oversight/",
        f"/staff/oversight/letters/{letter.pk}/",
        "/staff/oversight/cases/",
        f"/staff/oversight/cases/{case.pk}/",
        "/staff/oversight/table/",
        "/staff/oversight/rates/",
        "/staff/oversight/boxes/",
        f"/staff/oversight/boxes/{box.pk}/",
        "/staff/reporting/",
        "/staff/reporting/figures/",
        "/staff/reporting/report/",
        "/staff/settings/",
        "/staff/notifications/",
        "/staff/notifications/sent/",
        "/staff/catalog/",
        "/staff/channels/",
        "/staff/calendar/",
    ]
    wide = [wider_than_the_phone(drafter, base + path) for path in drafter_paths]
    wide += [wider_than_the_phone(office, base + path) for path in office_paths]
    assert [w for w in wide if w] == []
