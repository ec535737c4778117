"""A visitor in Chromium opens each demo institution's public annual-report page: it lists the published
2022–2023 report; the report's page offers its PDF, which opens (200, application/pdf, a PDF file).

The demo is loaded once for the module with its annual reports (they are generated and published, which
the other tests leave out for speed)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.usefixtures("demo_files")]

INSTITUTIONS = [("hntou", "海南热带海洋学院"), ("qzoi", "泉州海洋职业学院")]


@pytest.fixture(scope="module")
def site(demo_site):
    return demo_site


@pytest.mark.parametrize(("slug", "name"), INSTITUTIONS)
def test_annual_report_page_lists_the_report_and_its_pdf_opens(site, site_page, slug, name):
    base = site.url
    title = f"{name}2022—2023学年信息公开工作年度报告"
    page = site_page()
    response = page.goto(f"{base}/{slug}/annual-reports/")
    assert response.status == 200
    main = page.locator("main")
    assert "暂无公开信息" not in main.inner_text()
    main.get_by_role("link", name=title).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title

    pdf_link = page.locator("ul.attachments a[type='application/pdf']")
    assert pdf_link.count() == 1 and pdf_link.inner_text().endswith(".pdf")
    pdf = page.request.get(base + pdf_link.get_attribute("href"))
    assert pdf.status == 200
    assert pdf.headers["content-type"].split(";")[0] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
