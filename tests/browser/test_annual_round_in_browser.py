"""The province supervisor's yearly round in Chromium, over the demo: both demo institutions published their
2022–2023 reports on 27 October 2023 (on time), the demo's institution outside the platform was uploaded late
and incomplete; the supervisor adds another outside institution and uploads its report as a saved web page,
filters the late ones, opens a report with its marked text, downloads the XLSX and sees the summary's charts.
At 1366 and 390 px no page scrolls sideways (screenshots kept in the test's tmp folder)."""

from __future__ import annotations

import io

import pytest

from tests.oversight.round_texts import INCOMPLETE_HTML

pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.usefixtures("demo_files")]

DEMO = [("hntou", "海南热带海洋学院"), ("qzoi", "泉州海洋职业学院")]
WIDTHS = [(1366, 900), (390, 844)]
WIDE = """(w) => Array.from(document.querySelectorAll('main *, header *, body > *'))
  .filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.scroll-x, .table-wrap'))
  .slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + Math.round(e.getBoundingClientRect().right))"""


@pytest.fixture(scope="module")
def site(demo_site):
    return demo_site


def _sign_in(page, base):
    from xxgk.demo.loader import PASSWORD

    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "province-supervisor")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/staff/")


def _row(page, name):
    return page.locator("#round-table tbody tr", has=page.locator("th", has_text=name))


def _fits(page, width, shots, name):
    page.set_viewport_size({"width": width[0], "height": width[1]})
    page.screenshot(path=str(shots / f"{name}-{width[0]}.png"), full_page=True)
    scroll = page.evaluate("document.scrollingElement.scrollWidth")
    assert scroll <= width[0], f"{name} at {width[0]} px: {scroll} px {page.evaluate(WIDE, width[0])}"


def test_the_supervisors_round(site, site_page, tmp_path):
    base = site.url
    page = site_page()
    _sign_in(page, base)
    page.get_by_role("link", name="年报督查").click()
    page.select_option("#period-choice", "ay:2022")
    page.locator("#period-picker button").click()
    page.wait_for_load_state()
    assert "2022—2023学年信息公开工作年度报告督查" in page.locator("h1").inner_text()
    for _slug, name in DEMO:
        row = _row(page, name)
        assert "2023-10-27" in row.inner_text() and "按期" in row.inner_text()
    donghai = _row(page, "东海职业学院").inner_text()
    assert "2023-11-08" in donghai and "逾期8天" in donghai and "信息公开评议情况" in donghai

    # another institution outside the platform, its report uploaded as a saved web page
    page.locator("nav.subnav").get_by_role("link", name="平台外学校").click()
    page.fill("#id_add-name", "北岭学院")
    page.click("#round-add button[type=submit]")
    page.wait_for_load_state()
    page.select_option("#id_file-institution", label="北岭学院")
    page.fill("#id_file-published_on", "2023-10-30")
    page.set_input_files(
        "#id_file-file", files=[{"name": "beiling.html", "mimeType": "text/html", "buffer": INCOMPLETE_HTML.encode()}]
    )
    page.click("#round-file button[type=submit]")
    page.wait_for_url(f"{base}/staff/reporting/round/?*")
    assert "已登记" in page.locator(".messages").inner_text()
    beiling = _row(page, "北岭学院").inner_text()
    assert "2023-10-30" in beiling and "按期" in beiling and "信息公开评议情况" in beiling

    # only the late ones, then the one that is late opened with its marked text
    page.select_option("#round-show", "late")
    page.locator("#round-filters button").click()
    page.wait_for_load_state()
    names = page.locator("#round-table tbody th").all_inner_texts()
    assert len(names) == 1 and names[0].startswith("东海职业学院")
    shots = tmp_path
    for width in WIDTHS:
        _fits(page, width, shots, "round")
    page.set_viewport_size({"width": 1366, "height": 900})
    _row(page, "东海职业学院").get_by_role("link", name="东海职业学院").click()
    page.wait_for_load_state()
    page.locator("details summary", has_text="全文").click()
    assert page.locator("mark.figure").count() >= 2 and page.locator("mark.figure").first.is_visible()
    assert "缺少“信息公开评议情况”部分" in page.locator("ul.findings").inner_text()
    for width in WIDTHS:
        _fits(page, width, shots, "report")

    # the XLSX: one row per institution of the round
    from openpyxl import load_workbook

    page.set_viewport_size({"width": 1366, "height": 900})
    page.go_back()
    with page.expect_download() as download:
        page.locator("nav.subnav").get_by_role("link", name="下载 XLSX").click()
    sheet = load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
    assert sorted(r[0] for r in sheet.iter_rows(min_row=3, values_only=True)) == sorted(
        [name for _s, name in DEMO] + ["东海职业学院", "北岭学院"]
    )

    # the summary with its charts, each image loaded
    page.locator("nav.subnav").get_by_role("link", name="汇总图表").click()
    page.wait_for_load_state("networkidle")
    charts = page.locator("img.chart")
    assert charts.count() >= 3
    assert all(page.evaluate("(i) => i.complete && i.naturalWidth > 0", c.element_handle()) for c in charts.all())
    for width in WIDTHS:
        _fits(page, width, shots, "summary")
    page.locator("nav.subnav").get_by_role("link", name="平台外学校").click()
    for width in WIDTHS:
        _fits(page, width, shots, "outside")
    print("screenshots:", shots)
