"""Word (.docx): body paragraphs, tables (row by row), text boxes, headers and footers
(every section, first-page and even-page variants), footnotes, endnotes, comments,
tracked insertions and, after everything else, the text of tracked deletions (still
kept in the file, so it is personal data that would go public).

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


def qualify(location: str, word: str) -> str:
    """`location` with one more word about where: "header" -> "header（文本框）",
    "header（首页）" -> "header（首页，文本框）"."""
    if location.endswith("）"):
        return f"{location[:-1]}，{word}）"
    return f"{location}（{word}）"


def _textbox_location(location: str) -> str:
    if location in ("body", "textbox") or location.startswith("table:"):
        return "textbox"
    return qualify(location, "文本框")


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
            self.paragraph(box_p, _textbox_location(location))
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


_REF_KINDS = {"first": "首页", "even": "偶数页"}


def _header_footer_locations(document) -> dict:
    """Header/footer part -> its location: "header" / "footer" for the default one of the
    first section, otherwise with the section and the kind said ("header（第2节首页）")."""
    from docx.oxml.ns import qn

    out: dict = {}
    related = document.part.related_parts
    sections = [s for s in document.element.body.iter(W + "sectPr") if s.getparent().tag != W + "sectPrChange"]
    for number, sect in enumerate(sections, 1):
        for ref in sect:
            if ref.tag not in (W + "headerReference", W + "footerReference"):
                continue
            part = related.get(ref.get(qn("r:id")))
            if part is None or part in out:
                continue
            base = "header" if ref.tag == W + "headerReference" else "footer"
            words = (f"第{number}节" if number > 1 else "") + _REF_KINDS.get(ref.get(W + "type"), "")
            out[part] = f"{base}（{words}）" if words else base
    return out


def _deleted_text(builder: _Builder, root, location: str) -> None:
    """The text of tracked deletions under `root`, one segment per paragraph."""
    by_paragraph: dict = {}
    for el in root.iter(W + "delText"):
        if any(a.tag == MC_FALLBACK for a in el.iterancestors()):
            continue  # the copy of a text box for old readers; masked along with the box
        p = next(el.iterancestors(_P), None)
        by_paragraph.setdefault(p, []).append(el)
    for els in by_paragraph.values():
        pieces, chunks, pos = [], [], 0
        for el in els:
            s = el.text or ""
            if s:
                pieces.append((el, pos, len(s)))
                chunks.append(s)
                pos += len(s)
        if not pieces:
            continue
        start = builder.pos
        builder.raw("".join(chunks))
        builder.segments.append(Segment(start, builder.pos, qualify(location, "修订删除的文字"), ref=pieces))
        builder.raw("\n")


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

    places = _header_footer_locations(document)
    for part in headers:
        walker.block(part.element, places.get(part, "header"))
    walker.block(document.element.body, "body")
    for part in footers:
        walker.block(part.element, places.get(part, "footer"))
    for part, root in loose:
        location = _LOOSE[str(part.partname)]
        for note in root:  # w:footnote / w:endnote / w:comment
            walker.block(note, location)
    deleted = [(part.element, places.get(part, "header")) for part in headers]
    deleted.append((document.element.body, "body"))
    deleted += [(part.element, places.get(part, "footer")) for part in footers]
    deleted += [(root, _LOOSE[str(part.partname)]) for part, root in loose]
    for root, location in deleted:
        _deleted_text(b, root, location)

    text = b.text()
    warnings = []
    if not text.strip():
        warnings.append("文档没有文字内容")
    return Extracted(
        text=text, kind="docx", name=name, segments=b.segments, warnings=warnings, handle=DocxHandle(document, loose)
    )
