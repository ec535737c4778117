"""The annual report as PDF: WeasyPrint from the HTML, Noto CJK fonts embedded, page numbers from @page."""

from __future__ import annotations

import logging

from xxgk.reporting import html
from xxgk.reporting.annual.document import Document


def render(doc: Document, *, base_url: str = "") -> bytes:
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return HTML(string=html.render(doc, for_pdf=True, base_url=base_url), base_url="/").write_pdf()
