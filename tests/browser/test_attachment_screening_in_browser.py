"""An officer uploads a zipped list on the record page: the page comes back at once saying 筛查中,
the worker takes its job and screens the zip, and after a reload the ID number in it is a finding."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login
from tests.personas import build_world
from tests.screening_gate.conftest import resident_id
from tests.screening_gate.files import zip_bytes
from xxgk.jobs.models import Job

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ID = resident_id("46020020010101001")


def test_a_zip_is_screened_in_the_background(new_page, live_server, settings, tmp_path, queued_jobs):
    settings.XXGK_SCREENING_BACKGROUND = True
    # the job stays queued until the page has been seen, then a worker runs it here (the test database,
    # SQLite in memory shared between threads, cannot serve a page while another thread writes)
    world = build_world()
    record = world.draft(title="2024年国家助学金获得者名单公示")
    upload = tmp_path / "材料.zip"
    upload.write_bytes(zip_bytes({"名单.txt": f"序号\t姓名\t身份证号\n1\t陈思远\t{ID}\n"}))

    page = new_page()
    login(page, live_server.url, "drafter_a")
    page.goto(f"{live_server.url}/staff/records/{record.pk}/")
    page.set_input_files("#id_file", str(upload))
    page.get_by_role("button", name="上传", exact=True).click()
    page.wait_for_load_state()
    notice = page.locator("#screening-pending")
    assert "材料.zip" in notice.inner_text() and "筛查完成前不能通过保密审查，也不能发布" in notice.inner_text()

    assert Job.objects.filter(kind="publishing.screen_attachment", state="queued").count() == 1
    assert "done" in [j.state for j in queued_jobs.run() if j.kind == "publishing.screen_attachment"]
    page.reload()
    assert page.locator("#screening-pending").count() == 0
    assert ID in page.locator("#findings").inner_text()
    assert "身份证号" in page.locator("#findings-by-kind").inner_text()
    assert "附件筛查完成" in page.locator("#history").inner_text()
