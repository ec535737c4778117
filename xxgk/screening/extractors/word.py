"""Word (.docx): body paragraphs, tables (row by row), text boxes, headers and footers.

Each paragraph becomes a `Segment` whose `ref` lists the `w:t` elements that hold its
characters, so that the masker can rewrite characters in place without touching
run formatting, even when a match spans several runs.
"""

from __future__ import annotations

import io

from ..document import Extracted, ExtractionError, Segment
from ..rules import load_rules
from .tables import find_header_row

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_T, _P, _TBL, _TR, _TC = W + "t", W + "p", W + "tbl", W + "tr", W + "tc"
_SKIP = {W + "txbxContent", MC_FALLBACK, W + "del", W + "pPr", W + "rPr", W + "instrText", W + "delText", W + "fldData"}
_CHAR = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}


def paragraph_pieces(p_elm, textboxes: list | None = None) -> tuple[str, list[tuple]]:
    """The text of one `w:p` and the `(w:t element, offset, length)` pieces it is made of.

    Paragraphs inside text boxes are not part of it; they are appended to `textboxes`.
    """
    chunks: list[str] = []
    pieces: list[tuple] = []
    pos = 0

    def walk(el):
        nonlocal pos
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue  # comments, processing instructions
            if tag == _T:
                s = child.text or ""
                if s:
                    pieces.append((child, pos, len(s)))
                    chunks.append(s)
                    pos += len(s)
            elif tag in _CHAR:
                chunks.append(_CHAR[tag])
                pos += 1
            elif tag in _SKIP:
                if tag == W + "txbxContent" and textboxes is not None:
                    textboxes.extend(child.iter(_P))
            else:
                walk(child)

    walk(p_elm)
    return "".join(chunks), pieces


class _Builder:
    def __init__(self):
        self.chunks: list[str] = []
        self.pos = 0
        self.segments: list[Segment] = []

    def raw(self, s: str) -> None:
        if s:
            self.chunks.append(s)
            self.pos += len(s)

    def ends_line(self) -> bool:
        return not self.chunks or self.chunks[-1].endswith("\n")

    def paragraph(self, p_elm, location: str, **kw) -> None:
        boxes: list = []
        text, pieces = paragraph_pieces(p_elm, boxes)
        start = self.pos
        self.raw(text)
        self.segments.append(Segment(start, self.pos, location, ref=pieces, **kw))
        for box_p in boxes:
            if not self.ends_line():
                self.raw("\n")
            self.paragraph(box_p, "textbox")
            self.raw("\n")

    def text(self) -> str:
        return "".join(self.chunks)


def _cell_span(tc) -> int:
    tcpr = tc.find(W + "tcPr")
    if tcpr is not None:
        gs = tcpr.find(W + "gridSpan")
        if gs is not None:
            try:
                return max(1, int(gs.get(W + "val", "1")))
            except ValueError:
                return 1
    return 1


def _cells(tr):
    """(grid column, w:tc) for a row, following gridSpan; content controls unwrapped."""
    col = 0
    for child in tr:
        tcs = [child] if child.tag == _TC else (child.iter(_TC) if child.tag == W + "sdt" else [])
        for tc in tcs:
            yield col, tc
            col += _cell_span(tc)


class _Walker:
    def __init__(self, builder: _Builder):
        self.b = builder
        self.rules = load_rules()
        self.tables = 0

    def block(self, parent, location: str) -> None:
        for child in parent:
            if child.tag == _P:
                self.b.paragraph(child, location)
                self.b.raw("\n")
            elif child.tag == _TBL:
                self.table(child)
            elif child.tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.block(content, location)

    def _cell_text(self, tc) -> str:
        return " ".join(paragraph_pieces(p)[0] for p in tc.iter(_P)).strip()

    def table(self, tbl) -> None:
        self.tables += 1
        t = self.tables
        rows = [list(_cells(tr)) for tr in tbl.iter(_TR) if _belongs(tr, tbl)]
        header_idx, headers = find_header_row(
            [[(col, self._cell_text(tc)) for col, tc in row] for row in rows[:8]], self.rules
        )
        if not self.b.ends_line():
            self.b.raw("\n")
        for r, row in enumerate(rows):
            for i, (col, tc) in enumerate(row):
                if i:
                    self.b.raw("\t")
                column = headers.get(col) if header_idx is not None and r > header_idx else None
                first = True
                for child in tc:
                    if child.tag == _P:
                        if not first:
                            self.b.raw(" ")
                        self.b.paragraph(
                            child,
                            f"table:{t}!R{r + 1}C{col + 1}",
                            row=("table", t, r),
                            column=column,
                            is_header=(r == header_idx),
                        )
                        first = False
                    elif child.tag == _TBL:  # a table inside a cell: its rows on lines of their own
                        self.b.raw("\n")
                        self.table(child)
                        first = True
            self.b.raw("\n")


def _belongs(tr, tbl) -> bool:
    """True when the row belongs to this table and not to a table nested in one of its cells."""
    parent = tr.getparent()
    while parent is not None and parent.tag != _TBL:
        parent = parent.getparent()
    return parent is tbl


class DocxHandle:
    """The opened document, plus footnote/endnote/comment parts parsed here (python-docx
    keeps those as bytes; `save` writes the edited XML back before saving)."""

    def __init__(self, document, loose_parts):
        self.document = document
        self.loose_parts = loose_parts  # [(part, root element)]

    def save(self, out) -> None:
        from lxml import etree

        for part, root in self.loose_parts:
            if hasattr(part, "_element"):
                continue  # an XmlPart: edits on its element are saved anyway
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        self.document.save(out)


_LOOSE = {"/word/footnotes.xml": "footnote", "/word/endnotes.xml": "endnote", "/word/comments.xml": "comment"}


def extract_docx(data: bytes, name: str | None) -> Extracted:
    try:
        import docx
        from docx.parts.hdrftr import FooterPart, HeaderPart
        from lxml import etree

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged file
        raise ExtractionError(name, f"不是有效的 docx 文件（{type(exc).__name__}: {exc}）") from None

    b = _Builder()
    walker = _Walker(b)
    headers, footers, loose = [], [], []
    for part in document.part.package.iter_parts():
        partname = str(part.partname)
        if isinstance(part, HeaderPart):
            headers.append(part)
        elif isinstance(part, FooterPart):
            footers.append(part)
        elif partname in _LOOSE:
            root = getattr(part, "_element", None)
            if root is None:
                try:
                    root = etree.fromstring(part.blob)
                except etree.XMLSyntaxError as exc:
                    raise ExtractionError(name, f"{partname} 不是有效的 XML（{exc}）") from None
            loose.append((part, root))
    headers.sort(key=lambda p: str(p.partname))
    footers.sort(key=lambda p: str(p.partname))
    loose.sort(key=lambda pr: str(pr[0].partname))

    for part in headers:
        walker.block(part.element, "header")
    walker.block(document.element.body, "body")
    for part in footers:
        walker.block(part.element, "footer")
    for part, root in loose:
        location = _LOOSE[str(part.partname)]
        for note in root:  # w:footnote / w:endnote / w:comment
            walker.block(note, location)

    text = b.text()
    warnings = []
    if not text.strip():
        warnings.append("文档没有文字内容")
    return Extracted(
        text=text, kind="docx", name=name, segments=b.segments, warnings=warnings, handle=DocxHandle(document, loose)
    )
