"""A member of the public applies and gets a code; the office asks for 补正; the applicant supplies it; the
office replies 部分公开; the applicant sees the reply and downloads the letter."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import login
from tests.foi.conftest import second_office
from tests.personas import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "2023年学生宿舍维修工程招标结果"


def test_apply_correct_reply_download(new_page, live_server, tmp_path):
    world = build_world()
    second_office(world)  # approves what the office drafts
    base = live_server.url

    public = new_page(accept_downloads=True)
    public.goto(f"{base}/hblg/apply/")
    public.fill("#id_name", "陈一")
    public.fill("#id_id_number", "11010519491231002X")
    public.fill("#id_phone", "13800138000")
    public.fill("#id_title", TITLE)
    public.fill("#id_description", "中标单位和金额")
    public.fill("#id_purpose", "了解学校工程情况")
    public.wait_for_timeout(3200)  # the spam guard refuses submits faster than 3 seconds
    public.get_by_role("button", name="提交申请").click()
    public.wait_for_url(re.compile(r"/hblg/apply/receipt/$"))
    code = public.locator("#tracking-code").inner_text().strip()
    secret = public.locator("#tracking-secret").inner_text().strip()
    assert re.fullmatch(r"\d{4}-[A-Z0-9]{6}", code) and len(secret) == 10

    office = new_page()
    login(office, base, "office")
    office.goto(f"{base}/staff/foi/")
    office.get_by_role("link", name=code).click()
    assert "陈一" in office.locator("#applicant").inner_text()
    office.fill("#id_correction-items", "请写明招标项目的名称或编号。")
    office.get_by_role("button", name="告知补正").click()
    office.wait_for_load_state()
    assert office.locator("#app-state").inner_text() == "待补正"
    detail_url = office.url

    applicant = new_page(accept_downloads=True)
    applicant.goto(f"{base}/hblg/apply/status/")
    applicant.fill("#id_code", code)
    applicant.fill("#id_secret", secret)
    applicant.get_by_role("button", name="查询").click()
    applicant.wait_for_url(re.compile(rf"/hblg/apply/status/{code}/$"))
    assert "请写明招标项目的名称或编号。" in applicant.locator("#correction-items").inner_text()
    applicant.fill("#id_text", "项目为“学生公寓7号楼维修工程”。")
    applicant.get_by_role("button", name="提交补正").click()
    applicant.wait_for_load_state()
    assert applicant.locator("#stage").inner_text() == "已受理，正在办理"
    assert "陈一" not in applicant.content()

    office.goto(detail_url)
    assert "学生公寓7号楼" in office.locator("#history").inner_text()
    office.select_option("#id_draft-reply_type", label="部分公开")
    trade_secret = office.locator("#id_draft-reason option", has_text="部分公开 · 涉及商业秘密").get_attribute("value")
    office.select_option("#id_draft-reason", value=trade_secret)
    office.fill("#id_draft-text", "现提供中标单位名称；投标报价明细不予公开。")
    office.get_by_role("button", name="预览答复书").click()
    office.wait_for_load_state()
    letter = office.locator("#letter-preview").inner_text()
    assert "理由是：涉及商业秘密（《高等学校信息公开办法》第十条第（二）项）" in letter and "投标报价明细" in letter
    office.get_by_role("button", name="保存答复").click()
    office.wait_for_load_state()
    assert office.get_by_role("button", name="审批通过").count() == 0  # whoever drafted is not offered it
    assert office.locator("#next-step").inner_text() == "下一步：等待拟稿人以外有审批权限的人员审批答复"
    approver = new_page()
    login(approver, base, "office2")
    approver.goto(detail_url)
    approver.get_by_role("button", name="审批通过").click()
    approver.wait_for_load_state()
    office.goto(detail_url)
    office.get_by_role("button", name="发送答复").click()
    office.wait_for_load_state()
    assert office.locator("#app-state").inner_text() == "已办结"

    applicant.reload()
    assert applicant.locator("#stage").inner_text() == "已答复"
    assert applicant.locator("#reply-type").inner_text() == "部分公开"
    assert "投标报价明细不予公开" in applicant.locator("#reply-text").inner_text()
    with applicant.expect_download() as info:
        applicant.locator("#letter-pdf").click()
    path = tmp_path / "letter.pdf"
    info.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-")
    assert info.value.suggested_filename == f"答复书-{code}.pdf"
