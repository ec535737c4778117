"""Excel (.xlsx): every sheet, every cell; a header row gives each cell its column's name."""

from __future__ import annotations

import datetime as dt
import io

from ..document import Extracted, ExtractionError, Segment
from ..rules import load_rules
from .tables import find_header_row


def render(value) -> str:
    """A cell value as the text a reader of the sheet sees."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
        return repr(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def extract_xlsx(data: bytes, name: str | None) -> Extracted:
    try:
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(data))
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ExtractionError(name, f"不是有效的 xlsx 文件（{type(exc).__name__}: {exc}）") from None

    rules = load_rules()
    chunks: list[str] = []
    pos = 0
    segments: list[Segment] = []
    warnings: list[str] = []

    for ws in wb.worksheets:
        title = ws.title
        if ws.sheet_state != "visible":
            warnings.append(f"工作表“{title}”是隐藏的，已一并筛查")
        hidden_cols = [k for k, d in ws.column_dimensions.items() if d.hidden]
        hidden_rows = [k for k, d in ws.row_dimensions.items() if d.hidden]
        if hidden_cols or hidden_rows:
            warnings.append(f"工作表“{title}”含有隐藏的行或列，已一并筛查")
        formulas = 0
        lossy: list[str] = []
        rows = []
        for row in ws.iter_rows():
            cells = []
            for cell in row:
                value = cell.value
                if value is None:
                    continue
                if cell.data_type == "f":
                    formulas += 1
                    continue
                text = render(value)
                if not text:
                    continue
                numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
                if isinstance(value, float) and len(text) >= 16:
                    lossy.append(cell.coordinate)
                cells.append((cell.column - 1, cell, text, numeric))
            if cells:
                rows.append((row[0].row, cells))
        header_idx, headers = find_header_row(
            [[(col, text) for col, _c, text, _n in cells] for _r, cells in rows[:8]], rules
        )
        for i, (r, cells) in enumerate(rows):
            for k, (col, cell, text, numeric) in enumerate(cells):
                if k:
                    chunks.append("\t")
                    pos += 1
                column = headers.get(col) if header_idx is not None and i > header_idx else None
                segments.append(
                    Segment(
                        pos,
                        pos + len(text),
                        f"sheet:{title}!{cell.coordinate}",
                        row=("sheet", title, r),
                        column=column,
                        is_header=(i == header_idx),
                        numeric=numeric,
                        ref=(title, cell.coordinate),
                    )
                )
                chunks.append(text)
                pos += len(text)
            chunks.append("\n")
            pos += 1
        chunks.append("\n")
        pos += 1
        if formulas:
            warnings.append(f"工作表“{title}”有 {formulas} 个公式单元格，只看公式不看结果，未筛查其计算值")
        if lossy:
            shown = "、".join(lossy[:5]) + ("等" if len(lossy) > 5 else "")
            warnings.append(
                f"工作表“{title}”的单元格 {shown} 是超过15位的数字，Excel 已丢失精度"
                "（可能是身份证号或银行卡号），请人工核对"
            )
    text = "".join(chunks)
    if not text.strip():
        warnings.append("工作簿没有文字内容")
    return Extracted(text=text, kind="xlsx", name=name, segments=segments, warnings=warnings, handle=wb)
