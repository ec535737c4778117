"""The annual report as an HTML page (for the portal, and the source of the PDF)."""

from __future__ import annotations

import base64
from types import SimpleNamespace

from django.template.loader import render_to_string

from xxgk.reporting.annual.document import Document, Link
from xxgk.reporting.links import absolute

FONT_DIR = "/usr/share/fonts/opentype/noto"


def _cell(value, base_url: str):
    if isinstance(value, Link):
        url = absolute(value.url, base_url)
        return SimpleNamespace(url=url, text=url or value.text)
    return SimpleNamespace(
        url=None,
        value=value,
        number=isinstance(value, (int, float))
        or (isinstance(value, str) and value.replace(",", "").replace(".", "").isdigit()),
    )


def _blocks(blocks, base_url: str):
    out = []
    for b in blocks:
        item = SimpleNamespace(
            kind=b.kind, text=b.text, header=b.header, header_rows=b.header_rows, notes=b.notes, caption=b.caption
        )
        if b.kind == "table":
            item.keep = len(b.rows) <= 6  # a short table stays on one page with its caption
            item.cells = [[_cell(c, base_url) for c in row] for row in b.rows]
        if b.kind == "image":
            item.b64 = base64.b64encode(b.data).decode()
        out.append(item)
    return out


def render(doc: Document, *, for_pdf: bool = False, base_url: str = "") -> str:
    sections = []
    for sec in doc.sections:
        sections.append(
            SimpleNamespace(
                key=sec.key,
                heading=sec.heading,
                blocks=_blocks(sec.blocks, base_url),
                subs=[
                    SimpleNamespace(key=s.key, heading=s.heading, blocks=_blocks(s.blocks, base_url))
                    for s in sec.subsections
                ],
            )
        )
    return render_to_string(
        "reporting/annual_report.html",
        {
            "doc": doc,
            "sections": sections,
            "for_pdf": for_pdf,
            "serif_font": f"{FONT_DIR}/NotoSerifCJK-Regular.ttc",
            "sans_font": f"{FONT_DIR}/NotoSansCJK-Regular.ttc",
            "sans_bold_font": f"{FONT_DIR}/NotoSansCJK-Bold.ttc",
        },
    )
