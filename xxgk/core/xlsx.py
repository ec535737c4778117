"""A list as one XLSX sheet: the workbench's lists (records, applications, letters, cases) downloaded with the
page's own filters. The view passes the rows the page would show; this only writes them.

Text is always written as text: a letter's subject beginning with "=" stays a string, never a formula, and
characters a worksheet cannot hold are dropped. Dates are dates; times are local times.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(ws, row: int, column: int, value):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, datetime):
        value = (timezone.localtime(value) if timezone.is_aware(value) else value).replace(tzinfo=None)
        cell = ws.cell(row, column, value)
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell = ws.cell(row, column, value)
        cell.number_format = "yyyy-mm-dd"
    elif value is None or isinstance(value, bool | int | float):
        cell = ws.cell(row, column, value)
    else:
        cell = ws.cell(row, column, ILLEGAL_CHARACTERS_RE.sub("", str(value)))
        cell.data_type = "s"  # never a formula, whatever the text begins with
    return cell


def table(title: str, headings: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """One sheet: the title in the first row, the headings in the second, then the rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet"
    _cell(ws, 1, 1, title).font = Font(bold=True)
    for column, heading in enumerate(headings, 1):
        _cell(ws, 2, column, heading).font = Font(bold=True)
    for r, values in enumerate(rows, 3):
        for column, value in enumerate(values, 1):
            _cell(ws, r, column, value)
    ws.freeze_panes = "A3"
    for column in ws.iter_cols(min_row=2, max_row=min(ws.max_row, 200)):
        width = max(len(str(c.value or "")) for c in column)
        ws.column_dimensions[column[0].column_letter].width = min(max(width * 1.6, 8), 60)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def response(filename: str, title: str, headings: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """The sheet as a download named `filename` (ASCII, e.g. "records-20240301.xlsx")."""
    reply = HttpResponse(table(title, headings, rows), content_type=CONTENT_TYPE)
    reply["Content-Disposition"] = f'attachment; filename="{filename}"'
    return reply
