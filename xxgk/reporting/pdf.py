"""The annual report as PDF: WeasyPrint from the HTML, Noto CJK fonts embedded, page numbers from @page."""

from __future__ import annotations

import logging

from xxgk.reporting import html
from xxgk.reporting.annual.document import Document
from xxgk.reporting.links import report_base_url


def render(doc: Document, *, base_url: str = "") -> bytes:
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    base_url = report_base_url(doc.institution, base_url)  # a PDF's links are absolute (reporting/links.py)
    return HTML(string=html.render(doc, for_pdf=True, base_url=base_url), base_url="/").write_pdf()
