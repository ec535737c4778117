"""PDF: the text layer, page by page, one visual line per line (table cells on one line
separated by a tab). Every character keeps its box, so that masking can redact exactly it.

A page without a text layer (a scan, or text drawn as outlines), or a scan with a line or two
of text added (a page number), is rendered at
`ocr.RENDER_DPI` and read by OCR, its text merged in page order (see extractors/image.py for
the layout and the segments' `OcrRef`). A wholly scanned PDF and a partly scanned one go the
same way. A page OCR cannot read with confidence is listed in `Extracted.unscreened`, naming
the page; more pages to read than `ocr.MAX_PAGES` are not read at all and make the file
unscreenable. A blank page (no ink) is nothing to screen.

A page that does have a text layer may still carry pictures: a scanned list pasted into a notice
before it was exported to PDF. Those pictures (`pictures`: 12 KB or more, or a black-and-white
picture of some size, whose few KB hold a list as well; each picture once, however many pages show it)
are listed in `Extracted.pictures`, and `screen` reads each by OCR as a part of its own, named
"第N页 图片M" like a picture inside an Office document (see embedded.py): the picture's pixels
themselves, including any part of it the page crops away or covers. A picture drawn inline in the
page's content (no object of its own) is read as the page shows it, rendered at its own resolution.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from ..document import NO_TEXT_LAYER, Extracted, ExtractionError, Segment
from ..embedded import MIN_BYTES, Picture
from ..ocr import MAX_PAGES, MAX_PIXELS, RENDER_DPI, OcrUnavailable, read_image
from .image import OCR_NOTE, OcrText

#: A page with fewer characters of text than this over images covering half of it is a scan.
SCAN_TEXT_CHARS = 40
#: A black-and-white (1 bit) picture of at least this many pixels is read whatever its size in
#: bytes: a list compresses to a few KB in one.
BILEVEL_PIXELS = 50_000


@dataclass(frozen=True)
class PdfPicture:
    """A picture (an image object, `xref`; 0 for an image inline in the page's content, drawn in
    `bbox`) shown on page index `page` with text on it, the `index`-th picture of that page; `size`:
    the bytes of its stream, `width` x `height` its pixels."""

    page: int
    index: int
    xref: int
    size: int
    width: int
    height: int
    bbox: tuple[float, float, float, float] | None = None

    @property
    def name(self) -> str:
        return f"第{self.page + 1}页 图片{self.index}"


def _page_rows(page) -> list[list[tuple[str, tuple]]]:
    """The page's characters grouped into visual rows, left to right; a tab between pieces
    that stand apart."""
    lines = []
    for block in page.get_text("rawdict")["blocks"]:
        if block.get("type") != 0:
            continue
        for line in block["lines"]:
            x0, y0, x1, y1 = line["bbox"]
            height = max(y1 - y0, 1.0)
            chars: list[tuple[str, tuple | None]] = []
            prev = None
            for span in line["spans"]:
                for ch in span["chars"]:
                    box = tuple(ch["bbox"])
                    if prev is not None and box[0] - prev[2] > 0.8 * height and ch["c"] != " ":
                        chars.append(("\t", None))  # pieces that stand apart (table cells)
                    chars.append((ch["c"], box))
                    prev = box
            if not chars or not "".join(c for c, _ in chars).strip():
                continue
            if line.get("dir", (1, 0))[0] < 0.5:  # vertical or rotated text: keep it apart
                lines.append(((y0 + y1) / 2, x0, max(y1 - y0, 1.0), chars, x1, True))
            else:
                lines.append(((y0 + y1) / 2, x0, max(y1 - y0, 1.0), chars, x1, False))
    lines.sort(key=lambda ln: (ln[0], ln[1]))
    rows: list[list] = []
    for ln in lines:
        if rows and not ln[5] and not rows[-1][0][5]:
            ref = rows[-1][0]
            if abs(ln[0] - ref[0]) < 0.5 * min(ln[2], ref[2]):
                rows[-1].append(ln)
                continue
        rows.append([ln])
    out = []
    for row in rows:
        row.sort(key=lambda ln: ln[1])
        chars: list[tuple[str, tuple | None]] = []
        prev_x1 = None
        for ln in row:
            if prev_x1 is not None:
                gap = ln[1] - prev_x1
                if gap > 0.8 * ln[2]:
                    chars.append(("\t", None))
            chars.extend(ln[3])
            prev_x1 = ln[4]
        out.append(chars)
    return out


def render_dpi(page) -> int:
    """The resolution to render `page` at for OCR: `RENDER_DPI`, lowered for a page so large
    that the image would pass `MAX_PIXELS`."""
    inches = (page.rect.width / 72) * (page.rect.height / 72)
    if inches <= 0:
        return RENDER_DPI
    return max(1, min(RENDER_DPI, int((MAX_PIXELS / inches) ** 0.5)))


def render(page, dpi: int):
    """The page as a PIL image at `dpi`, or None when the page is one colour (blank)."""
    from PIL import Image

    pix = page.get_pixmap(dpi=dpi, alpha=False)
    if pix.is_unicolor:
        return None
    return Image.frombytes("RGB", (pix.width, pix.height), pix.samples)


def extract_pdf(data: bytes, name: str | None) -> Extracted:
    import pymupdf

    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # FileDataError and friends
        raise ExtractionError(name, f"不是有效的 PDF 文件（{exc}）") from None
    if doc.needs_pass:
        raise ExtractionError(name, "PDF 已加密，需要密码才能读取")
    if doc.page_count == 0:
        raise ExtractionError(name, "PDF 没有页面")

    try:
        pages = [_page_rows(doc[pno]) for pno in range(doc.page_count)]
    except Exception as exc:
        raise ExtractionError(name, f"PDF 内容损坏，无法提取文字（{exc}）") from None
    scanned = [pno for pno, rows in enumerate(pages) if not rows or _mostly_scan(doc[pno], rows)]
    unscreened: list[str] = []
    read_by_ocr = bool(scanned) and len(scanned) <= MAX_PAGES
    if scanned and not read_by_ocr:
        unscreened.append(
            f"有 {len(scanned)} 页没有文字层（{_pages(scanned)}），超过文字识别的上限 {MAX_PAGES} 页，"
            "无法自动筛查，需人工审看"
        )

    out = OcrText()
    unknown_chars = 0
    ocr_pages: list[int] = []
    to_read = set(scanned) if read_by_ocr else set()
    for pno, rows in enumerate(pages):
        if not rows:
            if pno in to_read:
                why = _read_scanned(doc[pno], pno, out)
                if why:
                    unscreened.append(f"第{pno + 1}页没有文字层（扫描页），{why}，无法自动筛查，需人工审看")
                ocr_pages.append(pno + 1)
            else:
                out.add("\n")
            continue
        for r, row in enumerate(rows):
            text = "".join(c for c, _ in row)
            unknown_chars += text.count("\ufffd")
            out.segments.append(
                Segment(
                    out.pos,
                    out.pos + len(text),
                    f"page:{pno + 1}",
                    row=("page", pno + 1, r),
                    ref=(pno, [bbox for _, bbox in row]),
                )
            )
            out.add(text)
            out.add("\n")
        if pno in to_read:  # a scan with a line or two of text on it (a page number, a stamp)
            why = _read_scanned(doc[pno], pno, out)
            if why:
                unscreened.append(f"第{pno + 1}页是扫描页，{why}，无法自动筛查，需人工审看")
            ocr_pages.append(pno + 1)
            continue
        out.add("\n")

    try:
        found = pictures(doc, set(scanned))
    except Exception as exc:
        raise ExtractionError(name, f"PDF 内容损坏，无法读取其中的图片（{exc}）") from None

    text = "".join(out.chunks)
    warnings: list[str] = []
    has_text_layer = bool(text.strip())
    if not has_text_layer and not unscreened:
        warnings.append(NO_TEXT_LAYER)
    if ocr_pages and has_text_layer:
        warnings.append(f"第{_pages([p - 1 for p in ocr_pages])}页没有文字层，{OCR_NOTE}")
    if unknown_chars:
        warnings.append(f"有 {unknown_chars} 个字符无法识别（字体缺少编码映射），筛查可能不完整，请人工审看")
    return Extracted(
        text=text,
        kind="pdf",
        name=name,
        has_text_layer=has_text_layer,
        segments=out.segments,
        warnings=warnings,
        handle=doc,
        unscreened=unscreened,
        pictures=[Picture(p.name, p.size, lambda p=p: picture_png(doc, p)) for p in found],
    )


def _mostly_scan(page, rows) -> bool:
    """A page whose text layer is a line or two (a page number or a header a tool added) over
    images that cover at least half of it: a scan, whose image OCR must read too."""
    import pymupdf

    if sum(len(row) for row in rows) >= SCAN_TEXT_CHARS:
        return False
    area = abs(page.rect)
    covered = sum(abs(pymupdf.Rect(info["bbox"]) & page.rect) for info in page.get_image_info())
    return area > 0 and covered >= 0.5 * area


def _worth_reading(size: int, width: int, height: int, bpc: int) -> bool:
    if min(width, height) < 16:
        return False
    return size >= MIN_BYTES or (bpc == 1 and width * height >= BILEVEL_PIXELS)


def _page_pictures(doc, page) -> list[tuple[int, int, int, int, tuple | None]]:
    """The images worth reading shown on `page`, in order: (xref, size, width, height, bbox), xref 0
    and the box it is drawn in for an image inline in the page's content."""
    out = []
    for xref, _smask, width, height, bpc, *_rest in page.get_images(full=True):
        if xref <= 0:
            continue
        size = len(doc.xref_stream_raw(xref))
        if _worth_reading(size, width, height, bpc):
            out.append((xref, size, width, height, None))
    for info in page.get_image_info(xrefs=True):
        if info.get("xref", 0) != 0:
            continue
        size, width, height = info.get("size", 0), info.get("width", 0), info.get("height", 0)
        if _worth_reading(size, width, height, info.get("bpc", 8)):
            out.append((0, size, width, height, tuple(info["bbox"])))
    return out


def pictures(doc, skip: set[int]) -> list[PdfPicture]:
    """The pictures worth reading by OCR on the pages not in `skip` (pages read by OCR whole), each
    image object once, in page order."""
    seen: set[int] = set()
    found: list[PdfPicture] = []
    for pno in range(doc.page_count):
        if pno in skip:
            continue
        index = 0
        for xref, size, width, height, bbox in _page_pictures(doc, doc[pno]):
            if xref and xref in seen:
                continue
            seen.add(xref)
            index += 1
            found.append(PdfPicture(pno, index, xref, size, width, height, bbox))
    return found


#: An inline picture is rendered at its own resolution, within these bounds.
MAX_PICTURE_DPI = 600


def picture_png(doc, picture: PdfPicture) -> bytes:
    """The picture's pixels as a PNG (colours as shown; a stencil mask as black on white; an inline
    image as the page shows it)."""
    import pymupdf

    if picture.width * picture.height > MAX_PIXELS:
        raise ValueError(f"图片过大（{picture.width}×{picture.height} 像素）")
    if not picture.xref:
        rect = pymupdf.Rect(picture.bbox)
        wide = max(rect.width, rect.height, 1.0) / 72
        dpi = min(max(RENDER_DPI, max(picture.width, picture.height) / wide), MAX_PICTURE_DPI)
        dpi = min(dpi, (MAX_PIXELS / max(rect.width * rect.height / 72 / 72, 1e-6)) ** 0.5)
        return doc[picture.page].get_pixmap(dpi=max(int(dpi), 1), clip=rect, alpha=False).tobytes("png")
    pix = pymupdf.Pixmap(doc, picture.xref)
    if pix.colorspace is None:  # a stencil mask: where it paints is ink
        from PIL import Image, ImageOps

        alpha = Image.frombytes("L", (pix.width, pix.height), pix.samples)
        buf = io.BytesIO()
        ImageOps.invert(alpha).save(buf, "PNG")
        return buf.getvalue()
    if pix.alpha:
        pix = pymupdf.Pixmap(pix, 0)
    if pix.colorspace.n not in (1, 3):
        pix = pymupdf.Pixmap(pymupdf.csRGB, pix)
    return pix.tobytes("png")


def _read_scanned(page, pno: int, out: OcrText) -> str | None:
    """OCR one page without text into `out`; why it cannot be trusted, or None."""
    dpi = render_dpi(page)
    try:
        image = render(page, dpi)
    except Exception as exc:  # a page MuPDF cannot draw
        return f"无法渲染（{exc}）"
    if image is None:  # a blank page: nothing to read
        out.add("\n")
        return None
    try:
        ocr_page = read_image(image)
    except OcrUnavailable as exc:
        out.add("\n")
        return str(exc)
    del image
    out.add_page(pno, ocr_page, dpi)
    return ocr_page.unreadable()


def _pages(pnos: list[int]) -> str:
    """ "1、3、4" for page indexes [0, 2, 3] (at most ten named)."""
    return "、".join(str(p + 1) for p in pnos[:10]) + ("等" if len(pnos) > 10 else "")


def needs_ocr(data: bytes) -> bool:
    """Whether reading this PDF would take OCR (a page without text, a scan with a line of text
    on it, or a picture worth reading on a page with text): cheap, nothing is rendered. A file that does not open says True, so that the slow,
    careful path decides."""
    import pymupdf

    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception:
        return True
    with doc:
        if doc.needs_pass:
            return False
        for page in doc:
            rows = _page_rows(page)
            if not rows or _mostly_scan(page, rows):
                return True
            if _page_pictures(doc, page):
                return True
    return False
