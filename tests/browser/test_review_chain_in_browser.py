"""An officer drafts, the checker returns it, the officer resubmits, it passes 保密审查 and 审签,
is published and seen by an anonymous visitor — while another department's officer gets 403."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import login
from tests.personas import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "关于2024年春季学期学生宿舍安全检查的通知"


def act(page, button_text: str, comment: str | None = None, field: str | None = None) -> None:
    if comment is not None:
        page.fill(field, comment)
    page.get_by_role("button", name=button_text).click()
    page.wait_for_load_state()


def test_draft_return_resubmit_review_publish(new_page, live_server):
    world = build_world()
    base = live_server.url

    officer = new_page()
    login(officer, base, "drafter_a")
    officer.get_by_role("link", name="拟稿").first.click()
    officer.fill("#id_title", TITLE)
    officer.fill("#id_formed_on", "2024-03-01")
    officer.fill("#id_summary", "宿舍安全检查的时间和要求。")
    officer.fill("#id_body", "各学院：\n学校定于3月中旬开展学生宿舍安全检查，请做好自查。")
    officer.get_by_role("button", name="保存").click()
    officer.wait_for_url(re.compile(r"/staff/records/\d+/$"))
    record_url = officer.url
    assert officer.locator("#record-state").inner_text() == "草稿"
    act(officer, "提交审核")
    assert officer.locator("#record-state").inner_text() == "审核中"
    assert officer.locator("#record-step").inner_text() == "核稿"

    # another department's officer may not see the draft
    outsider = new_page()
    login(outsider, base, "drafter_b")
    response = outsider.goto(record_url)
    assert response.status == 403
    assert "无权访问" in outsider.content()

    checker = new_page()
    login(checker, base, "checker_a")
    assert TITLE in checker.locator("main").inner_text()  # it waits in 我的待办
    checker.get_by_role("link", name=TITLE).click()
    act(checker, "退回修改", "请写明检查的具体日期。", "#comment-return")
    assert checker.locator("#record-state").inner_text() == "已退回"

    officer.goto(record_url)
    assert "请写明检查的具体日期。" in officer.locator("#history").inner_text()
    officer.get_by_role("link", name="修改").click()
    officer.fill("#id_body", "各学院：\n学校定于2024年3月18日至22日开展学生宿舍安全检查，请做好自查。")
    officer.get_by_role("button", name="保存").click()
    officer.wait_for_url(record_url)
    act(officer, "重新提交")
    assert officer.locator("#record-step").inner_text() == "核稿"

    checker.goto(record_url)
    act(checker, "核稿通过", "同意。", "#comment-approve")
    assert checker.locator("#record-step").inner_text() == "保密审查"

    secrecy = new_page()
    login(secrecy, base, "secrecy")
    secrecy.goto(record_url)
    act(secrecy, "保密审查通过", "不涉密，同意公开。", "#comment-approve")

    signer = new_page()
    login(signer, base, "signer")
    signer.goto(record_url)
    act(signer, "审签通过", None)
    assert signer.locator("#record-state").inner_text() == "待发布"
    act(signer, "发布")
    assert signer.locator("#record-state").inner_text() == "已发布"
    history = signer.locator("#history").inner_text()
    for step in ("拟稿", "提交审核", "退回修改", "重新提交", "核稿", "保密审查", "审签", "发布"):
        assert step in history

    visitor = new_page()
    visitor.goto(f"{base}/{world.institution.slug}/")
    visitor.get_by_role("link", name=TITLE).click()
    assert visitor.locator("h1").inner_text() == TITLE
    meta = visitor.locator("table.meta").inner_text()
    assert re.search(r"HBLG-00-\d{4}-0001", meta)
    assert "3月18日至22日" in visitor.locator(".body").inner_text()
    # the outsider still cannot open the staff page, but reads the public one like anyone
    assert outsider.goto(record_url).status == 403
