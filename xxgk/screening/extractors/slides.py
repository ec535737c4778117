"""PowerPoint (.pptx), read from the package XML (zipfile + lxml).

Slide by slide in the order of the presentation: the text of every shape (group shapes,
text boxes, placeholders, SmartArt, chart titles and cached values), tables row by row
(cells separated by a tab), then the slide's speaker notes and its comments (old and
modern). After the slides: the text of the masters and layouts. Documents embedded in a
slide (.docx/.xlsx/.pptx, e.g. the workbook behind a chart) are read and their text
appended; an embedded object that cannot be read makes the file need a person's look
(`has_text_layer` False with the reason in `warnings`).

Locations: "第3张幻灯片", "第3张幻灯片（表格1 第2行第4列）", "第3张幻灯片（备注）",
"第3张幻灯片（批注）", "第3张幻灯片（图表）", "母版与版式". A paragraph's segment `ref` lists the
`a:t` elements (or a comment's `p:text`) that hold its characters, as for docx, so that the
masker can rewrite them in place; text that cannot be rewritten there (charts, embedded
documents) has `ref` None.
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from ..document import Extracted, ExtractionError, Segment
from ..rules import load_rules
from .tables import find_header_row

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
P188 = "{http://schemas.microsoft.com/office/powerpoint/2018/8/main}"
MAX_PACKAGE_BYTES = 200 * 1024 * 1024
_EMBEDDED = (".docx", ".xlsx", ".pptx", ".xlsm", ".docm", ".pptm")
_SKIP_PLACEHOLDERS = {"sldNum", "sldImg"}


def _rel_kind(rel_type: str) -> str:
    return rel_type.rsplit("/", 1)[-1]


class Package:
    """The parts of an OOXML package, read within a size limit, parsed on demand."""

    def __init__(self, data: bytes, name: str | None):
        self.name = name
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            raise ExtractionError(name, f"演示文稿（pptx）已损坏，无法打开（{exc}）") from None
        self.names = set(self.zf.namelist())
        declared = sum(i.file_size for i in self.zf.infolist())
        if declared > MAX_PACKAGE_BYTES:
            raise ExtractionError(name, "演示文稿（pptx）解压后过大，未读取")
        self.roots: dict[str, object] = {}  # part name -> parsed root, kept for the masker
        self.left = MAX_PACKAGE_BYTES

    def blob(self, part: str) -> bytes:
        chunks = []
        try:
            with self.zf.open(part) as handle:
                while chunk := handle.read(65536):
                    self.left -= len(chunk)
                    if self.left < 0:
                        raise ExtractionError(self.name, "演示文稿（pptx）解压后过大，已停止读取")
                    chunks.append(chunk)
        except ExtractionError:
            raise
        except Exception as exc:
            raise ExtractionError(self.name, f"演示文稿（pptx）已损坏：{part} 无法解压（{exc}）") from None
        return b"".join(chunks)

    def xml(self, part: str):
        if part not in self.roots:
            from lxml import etree

            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            try:
                self.roots[part] = etree.fromstring(self.blob(part), parser)
            except etree.XMLSyntaxError as exc:
                raise ExtractionError(self.name, f"演示文稿（pptx）已损坏：{part} 不是有效的 XML（{exc}）") from None
        return self.roots[part]

    def rels(self, part: str) -> list[tuple[str, str, str]]:
        """(rId, kind, target part) of the part's internal relationships."""
        folder, base = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", base + ".rels")
        if rels_part not in self.names:
            return []
        out = []
        for rel in self.xml(rels_part).iter(PKG_REL + "Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out.append((rel.get("Id", ""), _rel_kind(rel.get("Type", "")), path))
        return out


def _paragraph_pieces(p_elm) -> tuple[str, list[tuple]]:
    chunks: list[str] = []
    pieces: list[tuple] = []
    pos = 0
    for child in p_elm.iter(A + "t", A + "br"):
        if child.tag == A + "br":
            chunks.append("\n")
            pos += 1
            continue
        s = child.text or ""
        if s:
            pieces.append((child, pos, len(s)))
            chunks.append(s)
            pos += len(s)
    return "".join(chunks), pieces


class _Builder:
    def __init__(self):
        self.chunks: list[str] = []
        self.pos = 0
        self.segments: list[Segment] = []
        self.rules = load_rules()
        self.tables = 0

    def raw(self, s: str) -> None:
        if s:
            self.chunks.append(s)
            self.pos += len(s)

    def line(self, text: str, location: str, ref, **kw) -> None:
        if not text.strip():
            return
        start = self.pos
        self.raw(text)
        self.segments.append(Segment(start, self.pos, location, ref=ref, **kw))
        self.raw("\n")

    def paragraph(self, p_elm, location: str) -> None:
        text, pieces = _paragraph_pieces(p_elm)
        self.line(text, location, pieces)

    def shapes(self, root, location: str) -> None:
        """Every paragraph and table under `root`, in document order."""
        if root is None:
            return
        for el in root.iter(A + "p", A + "tbl"):
            if _inside(el, A + "tbl") or _skipped_placeholder(el):
                continue
            if el.tag == A + "tbl":
                self.table(el, location)
            else:
                self.paragraph(el, location)

    def table(self, tbl, location: str) -> None:
        self.tables += 1
        t = self.tables
        rows = [[tc for tc in tr.findall(A + "tc")] for tr in tbl.findall(A + "tr")]
        texts = [
            [(c, " ".join(_paragraph_pieces(p)[0] for p in tc.iter(A + "p")).strip()) for c, tc in enumerate(r)]
            for r in rows[:8]
        ]
        header_idx, headers = find_header_row(texts, self.rules)
        for r, row in enumerate(rows):
            for c, tc in enumerate(row):
                if c:
                    self.raw("\t")
                column = headers.get(c) if header_idx is not None and r > header_idx else None
                for i, p in enumerate(tc.iter(A + "p")):
                    if i:
                        self.raw(" ")
                    text, pieces = _paragraph_pieces(p)
                    start = self.pos
                    self.raw(text)
                    self.segments.append(
                        Segment(
                            start,
                            self.pos,
                            f"{location}（表格{t} 第{r + 1}行第{c + 1}列）",
                            row=("table", t, r),
                            column=column,
                            is_header=(r == header_idx),
                            ref=pieces,
                        )
                    )
            self.raw("\n")


def _inside(el, tag: str) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _skipped_placeholder(p_elm) -> bool:
    """Slide-number and slide-image placeholders (notes pages) hold no text of the author."""
    sp = p_elm.getparent()
    while sp is not None and sp.tag != P + "sp":
        sp = sp.getparent()
    if sp is None:
        return False
    ph = sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
    return ph is not None and ph.get("type") in _SKIP_PLACEHOLDERS


def _slide_parts(pkg: Package) -> list[str]:
    if "ppt/presentation.xml" not in pkg.names:
        raise ExtractionError(pkg.name, "演示文稿（pptx）已损坏：缺少 ppt/presentation.xml")
    root = pkg.xml("ppt/presentation.xml")
    if root.tag != P + "presentation":
        raise ExtractionError(pkg.name, "演示文稿（pptx）已损坏：ppt/presentation.xml 不是演示文稿")
    targets = {rid: path for rid, kind, path in pkg.rels("ppt/presentation.xml") if kind == "slide"}
    out = []
    for sld in root.iter(P + "sldId"):
        path = targets.get(sld.get(R + "id"))
        if path is None or path not in pkg.names:
            raise ExtractionError(pkg.name, "演示文稿（pptx）已损坏：幻灯片列表与文件内容不符")
        out.append(path)
    return out


def _chart(b: _Builder, pkg: Package, part: str, location: str) -> None:
    root = pkg.xml(part)
    for el in root.iter(A + "t", C + "v"):
        b.line(el.text or "", location, None)


def _read_embedded(data: bytes, name: str) -> Extracted:
    if name.lower().endswith((".docx", ".docm")):
        from .word import extract_docx

        return extract_docx(data, name)
    if name.lower().endswith((".xlsx", ".xlsm")):
        from .sheet import extract_xlsx

        return extract_xlsx(data, name)
    return extract_pptx(data, name)


def extract_pptx(data: bytes, name: str | None) -> Extracted:
    pkg = Package(data, name)
    b = _Builder()
    problems: list[str] = []
    embedded: list[tuple[str, str]] = []
    for n, slide in enumerate(_slide_parts(pkg), 1):
        where = f"第{n}张幻灯片"
        b.shapes(pkg.xml(slide), where)
        notes, comments = [], []
        for _rid, kind, target in pkg.rels(slide):
            if target not in pkg.names:
                continue
            if kind == "diagramData":
                b.shapes(pkg.xml(target), f"{where}（SmartArt）")
            elif kind == "chart":
                _chart(b, pkg, target, f"{where}（图表）")
                embedded += [
                    (f"{where}（图表数据）", t)
                    for _r, k, t in pkg.rels(target)
                    if k in ("package", "oleObject") and t in pkg.names
                ]
            elif kind in ("package", "oleObject"):
                embedded.append((f"{where}（嵌入对象）", target))
            elif kind == "notesSlide":
                notes.append(target)
            elif kind == "comments":
                comments.append(target)
        for part in notes:
            b.shapes(pkg.xml(part).find(f"{P}cSld"), f"{where}（备注）")
        for part in comments:
            root = pkg.xml(part)
            for text in root.iter(P + "text"):
                b.line(text.text or "", f"{where}（批注）", [(text, 0, len(text.text or ""))])
            for body in root.iter(P188 + "txBody"):
                b.shapes(body, f"{where}（批注）")
    for part in sorted(pkg.names):
        if part.startswith(("ppt/slideMasters/", "ppt/slideLayouts/")) and part.endswith(".xml"):
            b.shapes(pkg.xml(part), "母版与版式")
    for where, part in embedded:
        label = f"{where[:-1]} {posixpath.basename(part)}）"
        if not part.lower().endswith(_EMBEDDED):
            problems.append(f"{label}无法读取，需人工确认")
            continue
        try:
            inner = _read_embedded(pkg.blob(part), posixpath.basename(part))
        except ExtractionError as exc:
            problems.append(f"{label}无法读取（{exc.why}），需人工确认")
            continue
        if not inner.has_text_layer:
            problems.append(f"{label}无法读取（{'；'.join(inner.warnings)}），需人工确认")
        for text in inner.text.split("\n"):
            b.line(text, label, None)
    extracted = Extracted(text="".join(b.chunks), kind="pptx", name=name, segments=b.segments, handle=pkg)
    if problems:
        extracted.has_text_layer = False
        extracted.warnings.extend(problems)
    return extracted
