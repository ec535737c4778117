"""OFD (GB/T 33190, the Chinese fixed-layout format of 电子公文): a zip of XML.

`OFD.xml` names each document's `Document.xml`, which lists the pages in order; the text of a
page is in the `TextCode` elements of the `TextObject`s of its `Content.xml` (and of the
template pages it uses). The pieces are laid out as lines by their position on the page
(top to bottom, left to right; pieces of one line that stand apart separated by a tab), like
PDF text. A page with images but no text is a scan: the file is then reported as needing a
person's look. Locations: "第N页".
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from ..document import Extracted, ExtractionError, Segment

MAX_PACKAGE_BYTES = 200 * 1024 * 1024
_DAMAGED = "OFD 文件已损坏，无法读取"


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el, name: str):
    return [c for c in el.iter() if _local(c.tag) == name]


def _floats(value: str | None, n: int) -> list[float]:
    try:
        out = [float(v) for v in (value or "").replace(",", " ").split()]
    except ValueError:
        out = []
    return (out + [0.0] * n)[:n]


class _Zip:
    def __init__(self, data: bytes, name: str | None):
        self.name = name
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            raise ExtractionError(name, f"{_DAMAGED}（{exc}）") from None
        if sum(i.file_size for i in self.zf.infolist()) > MAX_PACKAGE_BYTES:
            raise ExtractionError(name, "OFD 文件解压后过大，未读取")
        self.names = {n.lstrip("/"): n for n in self.zf.namelist()}

    def xml(self, part: str):
        from lxml import etree

        real = self.names.get(posixpath.normpath(part).lstrip("/"))
        if real is None:
            raise ExtractionError(self.name, f"{_DAMAGED}（缺少 {part}）")
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        try:
            with self.zf.open(real) as handle:
                return etree.fromstring(handle.read(MAX_PACKAGE_BYTES + 1), parser)
        except etree.XMLSyntaxError as exc:
            raise ExtractionError(self.name, f"{_DAMAGED}（{part} 不是有效的 XML：{exc}）") from None
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise ExtractionError(self.name, f"{_DAMAGED}（{part} 无法解压：{exc}）") from None


def _pieces(content) -> tuple[list[tuple[float, float, float, str]], bool]:
    """(y, x, right edge, text) of each text run of a page's content; whether it has images."""
    out = []
    for obj in _children(content, "TextObject"):
        bx, by, _bw, _bh = _floats(obj.get("Boundary"), 4)
        size = _floats(obj.get("Size"), 1)[0] or 3.5
        for code in _children(obj, "TextCode"):
            text = code.text or ""
            if not text.strip():
                continue
            x, y = bx + _floats(code.get("X"), 1)[0], by + _floats(code.get("Y"), 1)[0]
            out.append((y, x, x + size * len(text), text))  # DeltaX aside, a CJK glyph is about Size wide
    return out, bool(_children(content, "ImageObject"))


def _lines(pieces, tolerance: float = 1.5) -> list[list[tuple[float, float, float, str]]]:
    lines: list[list] = []
    for piece in sorted(pieces):
        if lines and abs(piece[0] - lines[-1][0][0]) <= tolerance:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    return [sorted(line, key=lambda p: p[1]) for line in lines]


def extract_ofd(data: bytes, name: str | None) -> Extracted:
    pkg = _Zip(data, name)
    root = pkg.xml("OFD.xml")
    if _local(root.tag) != "OFD":
        raise ExtractionError(name, f"{_DAMAGED}（OFD.xml 不是 OFD 入口文件）")
    chunks: list[str] = []
    segments: list[Segment] = []
    pos = 0
    scanned: list[int] = []
    page_no = 0
    for doc_root in _children(root, "DocRoot"):
        doc_path = (doc_root.text or "").strip()
        doc = pkg.xml(doc_path)
        folder = posixpath.dirname(doc_path)
        templates = {t.get("ID"): t.get("BaseLoc", "") for t in _children(doc, "TemplatePage")}
        for page in _children(doc, "Page"):
            page_no += 1
            page_xml = pkg.xml(posixpath.join(folder, page.get("BaseLoc", "")))
            pieces, images = _pieces(page_xml)
            for tpl in _children(page_xml, "Template"):
                loc = templates.get(tpl.get("TemplateID"))
                if loc:
                    more, more_images = _pieces(pkg.xml(posixpath.join(folder, loc)))
                    pieces += more
                    images = images or more_images
            if not pieces and images:
                scanned.append(page_no)
            for line in _lines(pieces):
                prev_right = None
                for _y, x, right, text in line:
                    if prev_right is not None:
                        gap = x - prev_right
                        sep = "\t" if gap > 3.0 else ""
                        chunks.append(sep)
                        pos += len(sep)
                    segments.append(Segment(pos, pos + len(text), f"第{page_no}页", row=("page", page_no, line[0][0])))
                    chunks.append(text)
                    pos += len(text)
                    prev_right = right
                chunks.append("\n")
                pos += 1
    extracted = Extracted(text="".join(chunks), kind="ofd", name=name, segments=segments)
    if scanned:
        extracted.has_text_layer = False
        pages = "、".join(str(n) for n in scanned[:10]) + ("等" if len(scanned) > 10 else "")
        extracted.warnings.append(f"OFD 第 {pages} 页是图片（扫描件），没有文字，无法自动筛查，需人工逐页审看")
    elif not extracted.text.strip():
        extracted.warnings.append("OFD 文件没有文字内容")
    return extracted
