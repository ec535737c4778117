"""The links of the DOCX and PDF report (清单 categories and items to their portal pages) are absolute: on
XXGK_SITE_URL when set, else on the origin of the request (the finalised report's files too), else on the
institution's website setting; the HTML page keeps paths."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document as Docx

from xxgk.reporting import annual, docx, html, pdf, services

pytestmark = pytest.mark.django_db

START, END = date(2023, 9, 1), date(2024, 8, 31)
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def docx_links(data: bytes) -> list[str]:
    return sorted(r.target_ref for r in Docx(io.BytesIO(data)).part.rels.values() if r.reltype == HYPERLINK)


def pdf_links(data: bytes) -> list[str]:
    import pymupdf

    with pymupdf.open(stream=data, filetype="pdf") as document:
        return sorted(link["uri"] for page in document for link in page.get_links() if link.get("uri"))


@pytest.fixture
def doc(world):
    return annual.build(world.institution, START, END, with_charts=False)


def test_links_go_on_the_site_url(settings, doc, world):
    settings.XXGK_SITE_URL = "https://xxgk.hblg.edu.cn"

    links = docx_links(docx.render(doc))

    slug = world.institution.slug
    assert len(links) == 60  # 50 items in the appendix and 10 categories
    assert all(link.startswith(f"https://xxgk.hblg.edu.cn/{slug}/") for link in links)
    assert f"https://xxgk.hblg.edu.cn/{slug}/catalog/#cat-1" in links
    assert f"https://xxgk.hblg.edu.cn/{slug}/catalog/7/" in links
    assert sorted(set(pdf_links(pdf.render(doc)))) == links  # a link wrapped over lines is several rects


def test_without_a_site_url_links_go_on_the_institutions_website(settings, doc, world):
    settings.XXGK_SITE_URL = ""
    world.institution.website = "https://www.hblg.edu.cn/xxgk/index.htm"

    links = docx_links(docx.render(doc))

    assert links and all(link.startswith(f"https://www.hblg.edu.cn/{world.institution.slug}/") for link in links)


def test_the_html_page_keeps_paths(settings, doc, world):
    settings.XXGK_SITE_URL = ""
    world.institution.website = ""

    page = html.render(doc)

    assert f'href="/{world.institution.slug}/catalog/7/"' in page


def test_the_finalised_reports_files_link_on_the_requests_origin(settings, world):
    from xxgk.org.models import Department

    settings.XXGK_SITE_URL = ""
    Department.objects.create(institution=world.institution, name="党政办公室", code="dzb", is_office=True)
    report = services.open_report(world.office, world.institution, period=services.academic_year("2023-2024"))

    report = services.finalise(world.office, report, base_url="https://xxgk.example.edu.cn")

    attachments = {a.type_label.lower(): a for a in report.record.attachments.all()}
    with attachments["docx"].file.open("rb") as f:
        links = docx_links(f.read())
    assert links and all(link.startswith("https://xxgk.example.edu.cn/") for link in links)
