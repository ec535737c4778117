"""An application from the public form to the disclosed file, as each person sees it in the browser: it
reaches the office's 我的待办, is routed to a department, gets a 补正 that the applicant receives by e-mail
and answers through the e-mail's link; the department's drafter attaches the file and drafts a 予以公开
reply, which cannot be approved until the file's personal data is masked; the office approves and sends it,
and the applicant downloads the file through the reply's e-mail: the masked copy, never the original."""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail

from tests.browser.conftest import login
from tests.personas import build_world
from tests.screening_gate.conftest import resident_id
from tests.screening_gate.files import docx_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "2023年国家助学金获得者名单"
EMAIL = "chenyi@example.com"
IDS = [resident_id(f"46020020030101{n:03d}") for n in range(1, 4)]


def _mail_link(base: str, subject_has: str, pattern: str) -> list[str]:
    """The links to this site in the e-mail whose subject names `subject_has` (sent to the applicant)."""
    found = [m for m in mail.outbox if subject_has in m.subject and m.to == [EMAIL]]
    assert len(found) == 1, [m.subject for m in mail.outbox]
    return re.findall(re.escape(base) + pattern, found[0].body)


def _docx_text(data: bytes) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_application_routed_corrected_replied_with_a_masked_file(new_page, live_server, settings, tmp_path):
    base = live_server.url
    settings.XXGK_SITE_URL = base  # the messages' links point at this server
    build_world()  # the personas: office, drafter_a of 党委宣传部 …

    # the public form
    public = new_page()
    public.goto(f"{base}/hblg/apply/")
    public.fill("#id_name", "陈一")
    public.fill("#id_id_number", "11010519491231002X")
    public.fill("#id_phone", "13800138000")
    public.fill("#id_email", EMAIL)
    public.fill("#id_title", TITLE)
    public.fill("#id_purpose", "了解资助工作")
    public.wait_for_timeout(3200)  # the spam guard refuses submits faster than 3 seconds
    public.get_by_role("button", name="提交申请").click()
    public.wait_for_url(re.compile(r"/hblg/apply/receipt/$"))
    code = public.locator("#tracking-code").inner_text().strip()

    # the office finds it in 我的待办 and routes it to the department
    office = new_page()
    login(office, base, "office")
    office.goto(f"{base}/staff/")
    office.get_by_role("link", name=re.compile(code)).click()
    office.wait_for_load_state()
    detail_url = office.url
    office.select_option("#id_route-department", label="党委宣传部")
    office.get_by_role("button", name="转交", exact=True).click()
    office.wait_for_load_state()
    assert office.locator("#app-state").inner_text() == "部门办理中"

    # and asks for a 补正 (less common once routed: under 其他操作)
    if office.locator("#other-actions[open]").count() == 0:
        office.locator("#other-actions summary").click()
    office.fill("#id_correction-items", "请写明所需名单的学院和学年。")
    office.get_by_role("button", name="告知补正").click()
    office.wait_for_load_state()
    assert office.locator("#app-state").inner_text() == "待补正"

    # the applicant follows the 补正 e-mail's link, with no code or password, and answers it
    (link,) = _mail_link(base, "补正", r"(/hblg/apply/link/\S+/)")
    applicant = new_page(accept_downloads=True)
    applicant.goto(base + link)
    applicant.wait_for_url(re.compile(rf"/hblg/apply/status/{code}/$"))
    assert "请写明所需名单的学院和学年。" in applicant.locator("#correction-items").inner_text()
    applicant.fill("#id_text", "海洋科学学院 2023学年。")
    applicant.get_by_role("button", name="提交补正").click()
    applicant.wait_for_load_state()
    assert applicant.locator("#stage").inner_text() == "正在办理"

    # the department's drafter finds it in 我的待办, attaches the list and drafts the reply
    drafter = new_page()
    login(drafter, base, "drafter_a")
    drafter.goto(f"{base}/staff/")
    drafter.get_by_role("link", name=re.compile(code)).click()
    drafter.wait_for_load_state()
    lines = "\n".join(f"{n}\t陈思远\t{i}\t3000元" for n, i in enumerate(IDS, 1))
    upload = tmp_path / "助学金名单.docx"
    upload.write_bytes(docx_bytes(f"2023年国家助学金获得者名单\n序号\t姓名\t身份证号\t金额\n{lines}"))
    drafter.set_input_files("#id_files-files", str(upload))
    drafter.locator("#upload-files").click()
    drafter.wait_for_load_state()
    row = drafter.locator("#reply-files tbody tr")
    assert row.count() == 1 and IDS[0] in row.inner_text() and "处待处理" in row.inner_text()
    drafter.select_option("#id_draft-reply_type", label="予以公开")
    drafter.fill("#id_draft-text", "现提供2023学年海洋科学学院国家助学金获得者名单，身份证号已作屏蔽处理。")
    drafter.get_by_role("button", name="预览答复书").click()
    drafter.wait_for_load_state()
    assert "1. 助学金名单.docx" in drafter.locator("#letter-preview").inner_text()
    drafter.get_by_role("button", name="保存答复").click()
    drafter.wait_for_load_state()
    assert drafter.locator("#app-state").inner_text() == "答复待审批"

    # the office cannot approve while the file's findings are open
    office.goto(detail_url)
    office.get_by_role("button", name="审批通过").click()
    office.wait_for_load_state()
    assert "答复附件尚有" in office.locator("#form-approve").inner_text()
    assert office.locator("#app-state").inner_text() == "答复待审批"

    # the drafter masks the file (one button for the file), then the office approves and sends
    drafter.reload()
    drafter.get_by_role("button", name="屏蔽文件中的个人信息").click()
    drafter.wait_for_load_state()
    assert "已生成屏蔽副本" in drafter.locator(".messages").inner_text()
    assert IDS[0] not in drafter.locator("#reply-files").inner_text()
    office.goto(detail_url)
    office.get_by_role("button", name="审批通过").click()
    office.wait_for_load_state()
    office.get_by_role("button", name="发送答复").click()
    office.wait_for_load_state()
    assert office.locator("#app-state").inner_text() == "已办结"

    # the reply's e-mail names the file and links to it; its case link opens the status page
    body = next(m.body for m in mail.outbox if "答复" in m.subject and "补正" not in m.subject)
    assert "1. 助学金名单.docx" in body
    (file_link,) = _mail_link(base, "的答复", r"(/hblg/apply/link/\S+/files/\d+/)")
    (case_link,) = _mail_link(base, "的答复", r"(/hblg/apply/link/[^/\s]+/)\s")
    fresh = new_page(accept_downloads=True)  # no session: the e-mail's links alone
    fresh.goto(base + case_link)
    fresh.wait_for_url(re.compile(rf"/hblg/apply/status/{code}/$"))
    assert fresh.locator("#reply-type").inner_text() == "予以公开"
    with fresh.expect_download() as info:
        fresh.get_by_role("link", name="助学金名单.docx").click()
    saved = tmp_path / "downloaded.docx"
    info.value.save_as(saved)
    assert info.value.suggested_filename == "助学金名单.docx"
    text = _docx_text(saved.read_bytes())
    assert "3000元" in text and not any(i in text for i in IDS)

    direct = new_page().context.request.get(base + file_link)  # the file's own signed link
    assert direct.ok and direct.body() == saved.read_bytes()
