"""In Chromium: the office opens 旧网站体检 after an import, sees the exposed page with masked values,
downloads the XLSX, masks the record with one click, and the public attachment no longer holds the ID."""

from __future__ import annotations

import io
import re
import zipfile
from io import StringIO

import pytest
from django.core.management import call_command

from tests.browser.conftest import login
from tests.personas import build_world
from tests.siteimport.mirrors import ID_NUMBER, vsb_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def imported(settings, tmp_path):
    settings.XXGK_SCREENING_BACKGROUND = False
    world = build_world()
    root = tmp_path / "xxgk.hnsf.edu.cn"
    vsb_site(root)
    with pytest.raises(SystemExit):
        call_command("import_site", str(root), "--institution", "hblg", stdout=StringIO())
    return world


def _docx_text(data: bytes) -> str:
    return re.sub(r"<[^>]+>", "", zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode())


def test_office_masks_an_imported_page(imported, live_server, new_page):
    page = new_page(accept_downloads=True)
    login(page, live_server.url, "office")
    page.goto(f"{live_server.url}/staff/site-import/")
    card = page.locator("section.card[id^=page-]")  # one per page with findings (the upload form is a card too)
    assert card.count() == 1
    assert "奖助学金" in card.inner_text() and "4601**********1230" in card.inner_text()
    assert ID_NUMBER not in page.content()
    with page.expect_download() as download:
        page.click("text=下载体检报告（XLSX）")
    assert download.value.suggested_filename.endswith(".xlsx")

    record_url = card.locator("h2 a").get_attribute("href")
    record_id = re.search(r"/records/(\d+)/", record_url).group(1)
    page.click("text=一键屏蔽并更新公开页面")
    assert "已屏蔽 2 处" in page.locator(".messages").first.inner_text()

    public = page.context.request.get(f"{live_server.url}/hblg/records/{record_id}/").text()
    files = re.findall(r'href="(/hblg/records/\d+/files/\d+/)"', public)
    assert files
    text = _docx_text(page.context.request.get(live_server.url + files[0]).body())
    assert ID_NUMBER not in text and "4601**********1230" in text
