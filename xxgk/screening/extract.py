"""Text extraction: turn a txt, docx, xlsx or pdf into one string to scan, plus the
structure needed to map character offsets back into the document for masking.

Offsets of findings are offsets into `Extracted.text`. For a .txt file that is the
decoded text itself (BOM removed, line ends untouched). For the other formats the
text is laid out as: docx headers, body (paragraphs; table rows as lines with the
cells separated by a tab), footers; xlsx every sheet, one row per line, cells
separated by a tab; pdf page by page, one visual line per line, pieces of one line
that stand apart (table cells) separated by a tab.
"""

from __future__ import annotations

import bisect
import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

#: File name endings `extract` reads.
SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".csv", ".docx", ".xlsx", ".pdf")

#: Endings we recognise but cannot read, with what to tell the user.
_UNSUPPORTED = {
    ".doc": "旧版Word（.doc）格式不支持，请另存为 .docx 后再筛查",
    ".xls": "旧版Excel（.xls）格式不支持，请另存为 .xlsx 后再筛查",
    ".wps": "WPS文字（.wps）格式不支持，请另存为 .docx 后再筛查",
    ".et": "WPS表格（.et）格式不支持，请另存为 .xlsx 后再筛查",
    ".ppt": "演示文稿格式不支持",
    ".pptx": "演示文稿格式不支持",
}

NO_TEXT_LAYER = "该PDF没有文字层，无法自动筛查，需人工逐页审看"


class ExtractionError(Exception):
    """The input cannot be read; the message (in Chinese) names the file and why."""

    def __init__(self, name: str | None, why: str):
        self.name = name or "（未命名）"
        self.why = why
        super().__init__(f"无法读取文件“{self.name}”：{why}")


@dataclass(slots=True)
class Segment:
    """A stretch `text[start:end]` that comes from one place in the document.

    location: "body", "header", "footer", "table:2!R3C1", "sheet:名单!B3", "page:4".
    row: a key shared by the segments of one table row (cells of a docx table row, of
        an xlsx row, pieces of a pdf line), None outside tables.
    column: the text of the header cell of this cell's column, when the table has a
        header row; None otherwise.
    is_header: this segment is a header cell.
    ref: what the masker needs to write the change back (format-specific; opaque).
    """

    start: int
    end: int
    location: str
    row: Any = None
    column: str | None = None
    is_header: bool = False
    numeric: bool = False
    ref: Any = field(default=None, repr=False, compare=False)


@dataclass
class Extracted:
    text: str
    kind: str  # "txt", "docx", "xlsx", "pdf", or "text" for a bare string
    name: str | None = None
    has_text_layer: bool = True
    warnings: list[str] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list, repr=False)
    encoding: str | None = None  # txt only: the codec to write a masked copy with
    handle: Any = field(default=None, repr=False, compare=False)  # the opened document, for masking
    _starts: list[int] | None = field(default=None, repr=False, compare=False)
    _rows: dict | None = field(default=None, repr=False, compare=False)

    def segment_at(self, pos: int) -> Segment | None:
        """The segment holding character `pos`, if any."""
        if not self.segments:
            return None
        if self._starts is None:
            self._starts = [s.start for s in self.segments]
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0:
            seg = self.segments[i]
            if seg.start <= pos < seg.end:
                return seg
        return None

    def segments_between(self, start: int, end: int) -> list[Segment]:
        """The segments overlapping `[start, end)`, in order."""
        if not self.segments:
            return []
        if self._starts is None:
            self._starts = [s.start for s in self.segments]
        i = max(bisect.bisect_right(self._starts, start) - 1, 0)
        out = []
        while i < len(self.segments) and self.segments[i].start < end:
            seg = self.segments[i]
            if seg.end > start:
                out.append(seg)
            i += 1
        return out

    def row_segments(self, row) -> list[Segment]:
        """All segments of one table row."""
        if row is None:
            return []
        if self._rows is None:
            rows: dict = {}
            for seg in self.segments:
                if seg.row is not None:
                    rows.setdefault(seg.row, []).append(seg)
            self._rows = rows
        return self._rows.get(row, [])


def _read_input(path_or_bytes, filename: str | None) -> tuple[bytes, str | None]:
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        return bytes(path_or_bytes), filename
    if hasattr(path_or_bytes, "read"):
        data = path_or_bytes.read()
        name = filename or getattr(path_or_bytes, "name", None)
        if isinstance(data, str):
            data = data.encode("utf-8")
        return data, (os.fspath(name) if name is not None else None)
    path = Path(path_or_bytes)
    name = filename or str(path)
    try:
        return path.read_bytes(), name
    except FileNotFoundError:
        raise ExtractionError(name, "文件不存在") from None
    except IsADirectoryError:
        raise ExtractionError(name, "这是一个目录，不是文件") from None
    except PermissionError:
        raise ExtractionError(name, "没有读取权限") from None
    except OSError as exc:
        raise ExtractionError(name, f"读取失败（{exc.strerror or exc}）") from None


def sniff_kind(data: bytes, name: str | None) -> str:
    """The format of `data`: by content first, by the file name ending second."""
    suffix = Path(name).suffix.lower() if name else ""
    if suffix in _UNSUPPORTED:
        raise ExtractionError(name, _UNSUPPORTED[suffix])
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile:
            raise ExtractionError(name, "压缩包结构已损坏，不是有效的 Office 文件") from None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise ExtractionError(name, "是压缩包，但不是 docx 或 xlsx 文件")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExtractionError(name, "是旧版 Office 格式（.doc/.xls），请另存为 .docx/.xlsx 后再筛查")
    if suffix == ".pdf":
        raise ExtractionError(name, "不是有效的 PDF 文件（缺少 %PDF 文件头，可能已损坏）")
    if suffix in (".docx", ".xlsx"):
        raise ExtractionError(name, f"不是有效的 {suffix[1:]} 文件（文件已损坏或格式不符）")
    return "txt"


def extract(path_or_bytes: str | os.PathLike | bytes | BinaryIO, filename: str | None = None) -> Extracted:
    """Read a txt/docx/xlsx/pdf file (a path, bytes or a binary file object).

    `filename` names the input in messages and, for bytes, hints at its format.
    Raises `ExtractionError` when the input cannot be read.
    """
    data, name = _read_input(path_or_bytes, filename)
    kind = sniff_kind(data, name)
    if kind == "pdf":
        from .extractors.pdf import extract_pdf

        return extract_pdf(data, name)
    if kind == "docx":
        from .extractors.word import extract_docx

        return extract_docx(data, name)
    if kind == "xlsx":
        from .extractors.sheet import extract_xlsx

        return extract_xlsx(data, name)
    from .extractors.plain import extract_txt

    return extract_txt(data, name)


def from_text(text: str, name: str | None = None) -> Extracted:
    """A bare string, as `scan_text` sees it."""
    return Extracted(text=text, kind="text", name=name)
