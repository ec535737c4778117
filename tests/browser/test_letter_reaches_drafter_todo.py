"""A letter written through a public mailbox, routed by the office to 后勤管理处, waits in that department's
drafter's 我的待办 with its answer deadline and next step (and the menu's count); the drafter opens it from
there and finds the draft form and the same next step on the letter page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login
from tests.personas import build_world
from xxgk.oversight import services
from xxgk.oversight.models import Letter, MailboxKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBJECT = "图书馆自习室晚上十点就关门"


def test_routed_letter_waits_in_the_drafters_todo_and_opens_from_there(new_page, live_server):
    world = build_world()
    world.add_logistics()
    services.create_mailbox(world.office, world.institution, name="校长信箱", kind=MailboxKind.PRESIDENT)
    base = live_server.url

    writer = new_page()
    writer.goto(f"{base}/hblg/mailbox/")
    writer.locator("section", has_text="校长信箱").get_by_role("link", name="写信").click()
    writer.fill("#id_writer_name", "陈晓")
    writer.fill("#id_writer_contact", "13700001111")
    writer.fill("#id_subject", SUBJECT)
    writer.fill("#id_message", "期末复习期间自习室十点就关门，希望延长到十一点。")
    writer.wait_for_timeout(2200)  # the form refuses a submission faster than a person could type
    writer.get_by_role("button", name="提交").click()
    writer.wait_for_load_state()
    assert writer.locator("#query-code").inner_text().strip()

    drafter = new_page()
    login(drafter, base, "hq_drafter")
    assert SUBJECT not in drafter.locator("main").inner_text()  # not his until routed

    office = new_page()
    login(office, base, "office")
    office.get_by_role("link", name=SUBJECT).click()  # the office finds it in its own 我的待办
    assert office.locator("#next-step").inner_text() == "下一步：分办：转交部门、直接答复或呈报领导"
    office.select_option("#route-dept", label="后勤管理处")
    office.get_by_role("button", name="转交部门办理").click()
    office.wait_for_load_state()
    assert office.locator("#letter-dept").inner_text() == "后勤管理处"

    letter = Letter.objects.get(subject=SUBJECT)
    drafter.goto(f"{base}/staff/")
    assert drafter.locator("nav.menu .count").inner_text() == "1"
    row = drafter.locator("table.tasks tbody tr", has_text=SUBJECT)
    assert row.count() == 1
    assert row.locator("td[data-label='期限']").inner_text().startswith(letter.due_on.strftime("%Y-%m-%d"))
    assert row.locator("td[data-label='下一步']").inner_text() == "拟写答复"
    assert row.locator("td[data-label='部门']").inner_text() == "后勤管理处"
    row.get_by_role("link", name=SUBJECT).click()
    drafter.wait_for_url(f"{base}/staff/oversight/letters/{letter.pk}/")
    assert drafter.locator("#next-step").inner_text() == "下一步：拟写答复"
    assert drafter.locator("#letter-due").inner_text().startswith(f"答复期限：{letter.due_on:%Y-%m-%d}")
    assert drafter.locator("#draft-text").is_visible()
    assert drafter.get_by_role("button", name="提交答复").is_visible()
