"""Every table of the annual report as a sheet of one XLSX workbook."""

from __future__ import annotations

import io
import re
from decimal import Decimal

from xxgk.reporting.annual.document import Document, Link, header_grid
from xxgk.reporting.links import absolute, report_base_url


def _value(c, base_url: str):
    if isinstance(c, Link):
        return absolute(c.url, base_url)
    return c if c is None or isinstance(c, (int, float, Decimal, str)) else str(c)


def render(doc: Document, *, base_url: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    base_url = report_base_url(doc.institution, base_url)
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
                if b.header_rows:
                    top = ws.max_row + 1
                    for r, c, cell in header_grid(b.header_rows):
                        ws.cell(top + r, c + 1, cell.text)
                        if cell.colspan > 1 or cell.rowspan > 1:
                            ws.merge_cells(
                                start_row=top + r,
                                start_column=c + 1,
                                end_row=top + r + cell.rowspan - 1,
                                end_column=c + cell.colspan,
                            )
                else:
                    ws.append(list(b.header))
                for row in b.rows:
                    ws.append([_value(c, base_url) for c in row])
                for note in b.notes:
                    ws.append([note])
                for col, width in zip("ABCDEFGHIJ", (36, 14, 40, 14, 14, 40)):
                    ws.column_dimensions[col].width = width
    if not wb.sheetnames:
        wb.create_sheet("表")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
