"""Text extraction: turn a document into one string to scan, plus the
structure needed to map character offsets back into the document for masking
(`Extracted` and `Segment`, in document.py). One module per format in extractors/.

Offsets of findings are offsets into `Extracted.text`. For a .txt file that is the
decoded text itself (BOM removed, line ends untouched). For the other formats the
text is laid out as: docx headers, body (paragraphs; table rows as lines with the
cells separated by a tab), footers; xlsx every sheet, one row per line, cells
separated by a tab; pdf page by page, one visual line per line, pieces of one line
that stand apart (table cells) separated by a tab; pptx slide by slide (extractors/slides.py);
html the text a reader sees (extractors/html.py); ofd page by page (extractors/ofd.py).
Legacy .doc/.xls/.ppt (and WPS's .wps/.et/.dps, and RTF) are converted by LibreOffice and
read as docx/xlsx/pptx (extractors/legacy.py). Images, and PDF pages without a text layer,
are read by OCR and laid out the same way (extractors/image.py). Formats are recognised by
content first. Office documents that show content from outside themselves (a linked picture, an
INCLUDETEXT field, a reference to another workbook) say so in `Extracted.unscreened` (links.py).
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import BinaryIO

from .archives import ARCHIVE_SUFFIXES, archive_format
from .document import Extracted, ExtractionError
from .extractors.image import IMAGE_SUFFIXES, is_image
from .extractors.legacy import OLE_MAGIC, is_rtf

#: Legacy Office endings, converted by LibreOffice (WPS Office's .wps/.et/.dps hold the same formats).
LEGACY_SUFFIXES: tuple[str, ...] = (".doc", ".xls", ".ppt", ".wps", ".et", ".dps", ".rtf")
HTML_SUFFIXES: tuple[str, ...] = (".html", ".htm", ".shtml", ".xhtml")

#: File name endings `extract` reads.
SUPPORTED_SUFFIXES: tuple[str, ...] = (
    ".txt",
    ".csv",
    ".docx",
    ".xlsx",
    ".pptx",
    ".pdf",
    ".ofd",
    *LEGACY_SUFFIXES,
    *HTML_SUFFIXES,
    *IMAGE_SUFFIXES,
)

#: Endings we recognise but cannot read, with what to tell the user.
_UNSUPPORTED: dict[str, str] = {}  # none left today: every known ending is read

#: Endings a directory scan picks up: what `extract` reads and what it recognises but cannot read.
KNOWN_SUFFIXES: tuple[str, ...] = (*SUPPORTED_SUFFIXES, *ARCHIVE_SUFFIXES, *_UNSUPPORTED)
_ZIPPED_LABELS = {
    ".docx": "Word 文档（docx）",
    ".xlsx": "Excel 工作簿（xlsx）",
    ".pptx": "演示文稿（pptx）",
    ".ofd": "OFD 文件",
}
_OOXML = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}


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
    if is_image(data):
        return "image"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = {n.lstrip("/") for n in zf.namelist()}
        except zipfile.BadZipFile:
            label = _ZIPPED_LABELS.get(suffix, "Office 或 OFD 文件")
            raise ExtractionError(name, f"{label}已损坏（压缩结构无效），无法打开") from None
        for part, kind in _OOXML.items():
            if part in names:
                return kind
        if "OFD.xml" in names:
            return "ofd"
        raise ExtractionError(name, "是压缩包，但不是 docx、xlsx、pptx 或 OFD 文件")
    if data.startswith(OLE_MAGIC) or is_rtf(data):
        return "legacy"
    fmt = archive_format(data)
    if fmt is not None:
        raise ExtractionError(name, f"是 {fmt} 压缩包，不是文档；请以 {fmt} 压缩包筛查（扩展名应为 .{fmt.lower()}）")
    if suffix == ".pdf":
        raise ExtractionError(name, "不是有效的 PDF 文件（缺少 %PDF 文件头，可能已损坏）")
    if suffix in (".docx", ".xlsx", ".pptx", ".ofd", *LEGACY_SUFFIXES):
        if suffix in (".doc", ".wps") and _looks_like_html(data):
            return "html"  # Word's "save as web page" and some systems' exports are HTML named .doc
        raise ExtractionError(name, f"不是有效的 {suffix[1:]} 文件（文件已损坏或格式不符）")
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in IMAGE_SUFFIXES:
        raise ExtractionError(name, "不是有效的图片文件（文件已损坏或格式不符）")
    return "txt"


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower()


def extract(path_or_bytes: str | os.PathLike | bytes | BinaryIO, filename: str | None = None) -> Extracted:
    """Read a document (a path, bytes or a binary file object) of a type in `SUPPORTED_SUFFIXES`.

    `filename` names the input in messages and, for bytes, hints at its format.
    Raises `ExtractionError` when the input cannot be read.
    """
    data, name = _read_input(path_or_bytes, filename)
    kind = sniff_kind(data, name)
    if kind == "image":
        from .extractors.image import extract_image

        return extract_image(data, name)
    if kind == "pdf":
        from .extractors.pdf import extract_pdf

        return extract_pdf(data, name)
    if kind in ("docx", "xlsx", "pptx"):
        from .embedded import package_pictures
        from .extractors.sheet import extract_xlsx
        from .extractors.slides import extract_pptx
        from .extractors.word import extract_docx
        from .links import ooxml_links, reason

        extracted = {"docx": extract_docx, "xlsx": extract_xlsx, "pptx": extract_pptx}[kind](data, name)
        extracted.pictures = package_pictures(data)  # read by OCR when screened (screen.py)
        linked = reason(ooxml_links(data))  # content shown from outside the file (links.py)
        if linked:
            extracted.unscreened.append(linked)
        return extracted
    if kind == "ofd":
        from .extractors.ofd import extract_ofd

        return extract_ofd(data, name)
    if kind == "legacy":
        from .extractors.legacy import extract_legacy

        return extract_legacy(data, name)
    if kind == "html":
        from .extractors.html import extract_html

        return extract_html(data, name)
    from .extractors.plain import extract_txt

    return extract_txt(data, name)


def from_text(text: str, name: str | None = None) -> Extracted:
    """A bare string, as `scan_text` sees it."""
    return Extracted(text=text, kind="text", name=name)
