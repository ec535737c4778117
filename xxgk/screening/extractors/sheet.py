"""Excel (.xlsx): every sheet (hidden ones too), every cell (in hidden rows and columns
too), cell comments and sheet headers/footers; a header row gives each cell its column's
name.

Locations: "sheet:名单!B3", with what else to know in brackets: "sheet:名单!B3（隐藏工作表）",
"sheet:名单!B3（隐藏行）", "sheet:名单!B3（批注）", "sheet:名单（页眉）". Threaded comments
(which openpyxl does not read) are read from the package XML; openpyxl drops them when it
saves, so a masked copy does not keep them.
"""

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


_HEADER_FOOTERS = (
    ("oddHeader", "页眉"),
    ("evenHeader", "偶数页页眉"),
    ("firstHeader", "首页页眉"),
    ("oddFooter", "页脚"),
    ("evenFooter", "偶数页页脚"),
    ("firstFooter", "首页页脚"),
)
_THREADED = "{http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments}"


def _hidden_columns(ws) -> set[int]:
    """1-based numbers of the hidden columns (a dimension may cover a range min..max)."""
    from openpyxl.utils import column_index_from_string

    out: set[int] = set()
    for key, d in ws.column_dimensions.items():
        if d.hidden:
            lo = d.min or column_index_from_string(key)
            hi = d.max or lo
            out.update(range(lo, hi + 1))
    return out


def _where(base: str, words: list[str]) -> str:
    return f"{base}（{'，'.join(words)}）" if words else base


def _threaded_comments(data: bytes, name: str | None) -> list[tuple[str, str]]:
    """(location, text) of each threaded comment, read from the package XML."""
    import zipfile

    from lxml import etree

    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for member in sorted(n for n in zf.namelist() if n.startswith("xl/threadedComments/")):
            try:
                root = etree.fromstring(zf.read(member))
            except etree.XMLSyntaxError as exc:
                raise ExtractionError(name, f"{member} 不是有效的 XML（{exc}）") from None
            for tc in root.iter(_THREADED + "threadedComment"):
                text = "".join(t.text or "" for t in tc.iter(_THREADED + "text"))
                if text:
                    out.append((f"{member}!{tc.get('ref', '')}（批注）", text))
    return out


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
        sheet_hidden = ws.sheet_state != "visible"
        if sheet_hidden:
            warnings.append(f"工作表“{title}”是隐藏的，已一并筛查")
        hidden_cols = [k for k, d in ws.column_dimensions.items() if d.hidden]
        hidden_rows = [k for k, d in ws.row_dimensions.items() if d.hidden]
        hidden_col_set = _hidden_columns(ws) if hidden_cols else set()
        hidden_row_set = set(hidden_rows)
        comments = []
        if hidden_cols or hidden_rows:
            warnings.append(f"工作表“{title}”含有隐藏的行或列，已一并筛查")
        formulas = 0
        lossy: list[str] = []
        rows = []
        for row in ws.iter_rows():
            cells = []
            for cell in row:
                if cell.comment is not None and cell.comment.text:
                    comments.append(cell)
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
                words = ["隐藏工作表"] if sheet_hidden else []
                if r in hidden_row_set:
                    words.append("隐藏行")
                if col + 1 in hidden_col_set:
                    words.append("隐藏列")
                segments.append(
                    Segment(
                        pos,
                        pos + len(text),
                        _where(f"sheet:{title}!{cell.coordinate}", words),
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
        extras = [
            (
                _where(f"sheet:{title}!{cell.coordinate}", ["隐藏工作表", "批注"] if sheet_hidden else ["批注"]),
                cell.comment.text,
                ("comment", title, cell.coordinate),
            )
            for cell in comments
        ]
        for attr, word in _HEADER_FOOTERS:
            hf = getattr(ws.HeaderFooter, attr, None)
            for side in ("left", "center", "right"):
                part = getattr(hf, side, None) if hf is not None else None
                if part is not None and part.text:
                    words = ["隐藏工作表", word] if sheet_hidden else [word]
                    extras.append((_where(f"sheet:{title}", words), part.text, ("headerfooter", title, attr, side)))
        for location, text, ref in extras:
            segments.append(Segment(pos, pos + len(text), location, ref=ref))
            chunks.append(text + "\n")
            pos += len(text) + 1
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
    for location, text in _threaded_comments(data, name):
        segments.append(Segment(pos, pos + len(text), location, ref=("dropped",)))
        chunks.append(text + "\n")
        pos += len(text) + 1
    text = "".join(chunks)
    if not text.strip():
        warnings.append("工作簿没有文字内容")
    return Extracted(text=text, kind="xlsx", name=name, segments=segments, warnings=warnings, handle=wb)
