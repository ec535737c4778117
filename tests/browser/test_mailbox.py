"""A student writes to 校长信箱, the office routes it to 后勤, 后勤 replies and its head approves, the office
approves the wording and replies publicly; the public reply shows the student's name masked, and the student
reads it with the query code and password and rates it."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.browser.conftest import login
from tests.personas import build_world
from xxgk.oversight import services
from xxgk.oversight.models import MailboxKind, Rating

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBJECT = "7号楼晚上热水供应时间太短"


def click(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_letter_from_student_to_public_masked_reply_and_rating(new_page, live_server):
    cache.clear()
    world = build_world()
    world.add_logistics()
    box = services.create_mailbox(world.office, world.institution, name="校长信箱", kind=MailboxKind.PRESIDENT)
    base = live_server.url

    student = new_page()
    student.goto(f"{base}/hblg/mailbox/")
    student.locator("section", has_text="校长信箱").get_by_role("link", name="写信").click()
    student.fill("#id_writer_name", "林小雨")
    student.fill("#id_writer_contact", "13912345678")
    student.fill("#id_subject", SUBJECT)
    student.fill("#id_message", "我是林小雨，住在7号楼。晚上十点以后就没有热水了，希望延长供应时间。")
    student.check("#id_wants_public_reply")
    student.wait_for_timeout(2200)  # the form refuses a submission faster than a person could type
    click(student, "提交")
    code = student.locator("#query-code").inner_text().strip()
    password = student.locator("#query-password").inner_text().strip()
    assert len(code) == 10 and len(password) == 8

    office = new_page()
    login(office, base, "office")
    office.goto(f"{base}/staff/oversight/")
    office.get_by_role("link", name=SUBJECT).click()
    letter_url = office.url
    assert office.locator("#letter-state").inner_text() == "待分办"
    office.select_option("#route-dept", label="后勤管理处")
    office.fill("#route-comment", "请后勤管理处办理。")
    click(office, "转交部门办理")
    assert office.locator("#letter-dept").inner_text() == "后勤管理处"

    drafter = new_page()
    login(drafter, base, "hq_drafter")
    drafter.goto(f"{base}/staff/oversight/")
    drafter.get_by_role("link", name=SUBJECT).click()
    drafter.fill("#draft-text", "林小雨同学：您好！自下周一起7号楼热水供应延长至23:30。感谢来信。")
    click(drafter, "提交答复")
    assert drafter.locator("#letter-state").inner_text() == "待部门负责人审核"

    head = new_page()
    login(head, base, "hq_head")
    head.goto(letter_url)
    click(head, "审核通过")
    assert head.locator("#letter-state").inner_text() == "待办公室审核"

    office.goto(letter_url)
    click(office, "措辞审核通过")
    assert office.locator("#letter-state").inner_text() == "待答复"
    assert office.locator("#send-public").is_checked()
    click(office, "答复来信人")
    assert office.locator("#letter-state").inner_text() == "已答复"
    assert "转部门办理（后勤管理处）" in office.locator("#history").inner_text()

    visitor = new_page()
    visitor.goto(f"{base}/hblg/mailbox/{box.pk}/")
    listing = visitor.locator("#public-replies").inner_text()
    assert "林*雨" in listing and "林小雨" not in listing
    visitor.get_by_role("link", name=SUBJECT).click()
    assert visitor.locator("#public-writer").inner_text() == "林*雨"
    article = visitor.locator("article").inner_text()
    assert "林*雨同学" in article and "23:30" in article
    assert "林小雨" not in visitor.content() and "13912345678" not in visitor.content()

    student.goto(f"{base}/hblg/mailbox/lookup/")
    student.fill("#id_query_code", code)
    student.fill("#id_password", password)
    click(student, "查询")
    assert "延长至23:30" in student.locator("#reply-text").inner_text()
    student.check("input[name=stars][value='5']")
    student.fill("#id_comment", "解决得很快，谢谢！")
    click(student, "提交评价")
    assert "感谢您的评价" in student.locator("main").inner_text()
    rating = Rating.objects.get()
    assert rating.by_writer and rating.stars == 5 and rating.comment == "解决得很快，谢谢！"
