"""Every table of the annual report as a sheet of one XLSX workbook."""

from __future__ import annotations

import io
import re
from decimal import Decimal

from xxgk.reporting.annual.document import Document, Link


def _value(c, base_url: str):
    if isinstance(c, Link):
        return base_url + c.url if c.url.startswith("/") else c.url
    return c if c is None or isinstance(c, (int, float, Decimal, str)) else str(c)


def render(doc: Document, *, base_url: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for top in doc.sections:
        for sec in top.walk():
            for b in sec.blocks:
                if b.kind != "table":
                    continue
                name = re.sub(r"[\[\]:*?/\\]", "", b.caption or sec.title)[:28] or "表"
                base, i = name, 2
                while name in used:
                    name, i = f"{base[:26]}{i}", i + 1
                used.add(name)
                ws = wb.create_sheet(name)
                ws.append(
                    [f"{doc.institution.name} {b.caption or sec.title}（{doc.start:%Y-%m-%d} 至 {doc.end:%Y-%m-%d}）"]
                )
                ws["A1"].font = Font(bold=True)
                ws.append(list(b.header))
                for row in b.rows:
                    ws.append([_value(c, base_url) for c in row])
                for col, width in zip("ABCDEFGHIJ", (36, 14, 40, 14, 14, 40)):
                    ws.column_dimensions[col].width = width
    if not wb.sheetnames:
        wb.create_sheet("表")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
