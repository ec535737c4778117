"""Images (JPEG, PNG, TIFF with its pages, BMP, GIF, WebP), read by OCR (see ocr.py).

The text is laid out like a PDF page's: one visual row per line, pieces of a row that stand
apart (table cells) separated by a tab, an empty line after each page. Every piece the engine
read is a segment whose `ref` is an `OcrRef` (the page and the line with its pixel box), so a
finding can be mapped back to the pixels that show it.

Fail closed: a page OCR cannot read with confidence (low mean confidence, or ink but no text)
is listed in `Extracted.unscreened`, naming the page; an image too large to decode, or with
more pages than OCR reads in one file, cannot be extracted at all.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from ..document import Extracted, ExtractionError, Segment
from ..ocr import MAX_PAGES, MAX_PIXELS, OcrLine, OcrPage, OcrUnavailable, gap, read_image

#: File name endings read as images.
IMAGE_SUFFIXES: tuple[str, ...] = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif", ".webp")
OCR_NOTE = "经文字识别（OCR）筛查：识别可能有误，发布前请人工复核"


@dataclass(frozen=True)
class OcrRef:
    """Where a segment read by OCR is: page index `page` (0-based) and the `line` with its box
    in the pixels of that page's image; `dpi` for a PDF page rendered to be read, else None."""

    page: int
    line: OcrLine
    dpi: int | None = None
    skip: int = 0  # characters at the start of the line left out of the text (read twice)

    def box(self, start: int, end: int, pad_x: float = 0.0, pad_y: float = 0.0):
        """The pixel box of characters `start:end` of the segment."""
        return self.line.box(start + self.skip, end + self.skip, pad_x, pad_y)


@dataclass
class ImageHandle:
    """What the masker needs to write a copy: the original bytes and their format."""

    data: bytes
    format: str
    frames: int


def is_image(data: bytes) -> bool:
    """True when `data` starts like an image file Pillow reads."""
    if data[:3] == b"\xff\xd8\xff" or data[:8] == b"\x89PNG\r\n\x1a\n":
        return True
    if data[:4] in (b"II*\x00", b"MM\x00*") or data[:6] in (b"GIF87a", b"GIF89a"):
        return True
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return True
    # BMP: "BM", then a DIB header of a known size at offset 14
    return data[:2] == b"BM" and len(data) > 18 and int.from_bytes(data[14:18], "little") in (12, 40, 52, 56, 108, 124)


class OcrText:
    """The text of OCR'd pages being laid out, with its segments."""

    def __init__(self, chunks: list[str] | None = None, pos: int = 0, segments: list[Segment] | None = None):
        self.chunks = chunks if chunks is not None else []
        self.pos = pos
        self.segments = segments if segments is not None else []

    def add(self, s: str) -> None:
        self.chunks.append(s)
        self.pos += len(s)

    def add_page(self, pno: int, page: OcrPage, dpi: int | None = None) -> None:
        for r, row in enumerate(page.rows()):
            for k, line in enumerate(row):
                skip = 0
                if k:
                    skip = _read_twice(row[k - 1], line)
                    if not skip:
                        self.add(" " if gap(row[k - 1], line) < 0.6 else "\t")
                text = line.text[skip:]
                self.segments.append(
                    Segment(
                        self.pos,
                        self.pos + len(text),
                        f"page:{pno + 1}",
                        row=("ocr", pno + 1, r),
                        ref=OcrRef(pno, line, dpi, skip),
                    )
                )
                self.add(text)
            self.add("\n")
        self.add("\n")


def _read_twice(left: OcrLine, right: OcrLine) -> int:
    """How many characters at the start of `right` repeat the end of `left` because the two
    boxes overlap (a seal or a rule cut one value into two boxes that share a few characters):
    the longest such repeat lying inside the overlap, else 0."""
    overlap_end = max(x for x, _ in left.quad)
    if min(x for x, _ in right.quad) >= overlap_end:
        return 0
    (x0, _y0), (x1, _y1) = right.quad[0], right.quad[1]
    char = abs(x1 - x0) / max(len(right.text), 1)
    for k in range(min(len(left.text), len(right.text) - 1), 0, -1):
        if left.text.endswith(right.text[:k]) and right.box(0, k)[2] <= overlap_end + 1.5 * char:
            return k
    return 0


def open_image(data: bytes, name: str | None):
    """The image, opened but not decoded, after the size checks."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise ExtractionError(name, f"图片过大（超过 {MAX_PIXELS // 1_000_000} 百万像素），无法自动筛查") from None
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ExtractionError(name, f"不是有效的图片文件（已损坏或格式不支持：{exc}）") from None
    frames = getattr(image, "n_frames", 1)
    if frames > MAX_PAGES:
        raise ExtractionError(name, f"图片共 {frames} 页，超过文字识别的上限 {MAX_PAGES} 页，无法自动筛查")
    if image.width * image.height > MAX_PIXELS:
        raise ExtractionError(
            name,
            f"图片过大（{image.width}×{image.height} 像素，超过 {MAX_PIXELS // 1_000_000} 百万像素），无法自动筛查",
        )
    return image


def frames(image):
    """Each page of the image, decoded one at a time, turned upright as its EXIF says."""
    from PIL import ImageOps

    for i in range(getattr(image, "n_frames", 1)):
        image.seek(i)
        if image.width * image.height > MAX_PIXELS:
            raise ValueError(f"第{i + 1}页图片过大（{image.width}×{image.height} 像素）")
        yield i, ImageOps.exif_transpose(image.convert("RGB"))


def extract_image(data: bytes, name: str | None) -> Extracted:
    image = open_image(data, name)
    count = getattr(image, "n_frames", 1)
    out = OcrText()
    unscreened: list[str] = []
    read_any = False
    try:
        for i, frame in frames(image):
            page = read_image(frame)
            del frame
            where = f"第{i + 1}页图片" if count > 1 else "图片"
            why = page.unreadable() or (None if page.lines else "未识别出文字")
            if why:
                unscreened.append(f"{where}{why}，无法自动筛查，需人工审看")
            read_any = read_any or bool(page.lines)
            out.add_page(i, page)
    except OcrUnavailable as exc:
        raise ExtractionError(name, str(exc)) from None
    except ValueError as exc:
        raise ExtractionError(name, f"{exc}，无法自动筛查") from None
    except (OSError, SyntaxError) as exc:  # truncated or damaged image data
        raise ExtractionError(name, f"图片数据已损坏（{exc}）") from None
    text = "".join(out.chunks)
    return Extracted(
        text=text,
        kind="image",
        name=name,
        has_text_layer=read_any,
        warnings=[OCR_NOTE] if read_any else [],
        segments=out.segments,
        handle=ImageHandle(data, image.format or "PNG", count),
        unscreened=unscreened,
    )
