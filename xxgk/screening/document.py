"""What extraction produces: the text of a document with its segments (where each stretch of the
text comes from), and the error for input that cannot be read. Shared by extract.py, the
format extractors in extractors/, the detectors, the scanner and the masker."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

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
    kind: str  # "txt", "docx", "xlsx", "pdf", "image", or "text" for a bare string
    name: str | None = None
    has_text_layer: bool = True  # False: no text at all could be read (a scan OCR cannot read)
    warnings: list[str] = field(default_factory=list)
    unscreened: list[str] = field(default_factory=list)  # parts that could not be screened, and why
    segments: list[Segment] = field(default_factory=list, repr=False)
    encoding: str | None = None  # txt only: the codec to write a masked copy with
    converted_from: str | None = None  # "doc", "xls", "ppt", "rtf": read from LibreOffice's conversion
    pictures: list = field(default_factory=list, repr=False)  # embedded.Picture: pictures in it to read by OCR
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
