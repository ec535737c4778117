"""Text extraction: turn a txt, docx, xlsx or pdf into one string to scan, plus the
structure needed to map character offsets back into the document for masking
(`Extracted` and `Segment`, in document.py). One module per format in extractors/.

Offsets of findings are offsets into `Extracted.text`. For a .txt file that is the
decoded text itself (BOM removed, line ends untouched). For the other formats the
text is laid out as: docx headers, body (paragraphs; table rows as lines with the
cells separated by a tab), footers; xlsx every sheet, one row per line, cells
separated by a tab; pdf page by page, one visual line per line, pieces of one line
that stand apart (table cells) separated by a tab. Images, and PDF pages without a text
layer, are read by OCR and laid out the same way (extractors/image.py).
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import BinaryIO

from .document import Extracted, ExtractionError
from .extractors.image import IMAGE_SUFFIXES, is_image

#: File name endings `extract` reads.
SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".csv", ".docx", ".xlsx", ".pdf", *IMAGE_SUFFIXES)

#: Endings we recognise but cannot read, with what to tell the user.
_UNSUPPORTED = {
    ".doc": "旧版Word（.doc）格式不支持，请另存为 .docx 后再筛查",
    ".xls": "旧版Excel（.xls）格式不支持，请另存为 .xlsx 后再筛查",
    ".wps": "WPS文字（.wps）格式不支持，请另存为 .docx 后再筛查",
    ".et": "WPS表格（.et）格式不支持，请另存为 .xlsx 后再筛查",
    ".ppt": "演示文稿格式不支持",
    ".pptx": "演示文稿格式不支持",
    ".ofd": "OFD 版式文件格式不支持，请另存为 PDF 后再筛查",
    ".rar": "RAR 压缩格式不支持，请改用 zip 压缩包",
    ".7z": "7z 压缩格式不支持，请改用 zip 压缩包",
}

#: Endings a directory scan picks up: what `extract` reads and what it recognises but cannot read.
KNOWN_SUFFIXES: tuple[str, ...] = (*SUPPORTED_SUFFIXES, ".zip", *_UNSUPPORTED)

_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


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
                names = set(zf.namelist())
        except zipfile.BadZipFile:
            raise ExtractionError(name, "压缩包结构已损坏，不是有效的 Office 文件") from None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise ExtractionError(name, "是压缩包，但不是 docx 或 xlsx 文件")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        if _ENCRYPTED_PACKAGE in data:
            raise ExtractionError(name, "文件已加密（设有打开密码），无法读取")
        raise ExtractionError(name, "是旧版 Office 格式（.doc/.xls），请另存为 .docx/.xlsx 后再筛查")
    if suffix == ".pdf":
        raise ExtractionError(name, "不是有效的 PDF 文件（缺少 %PDF 文件头，可能已损坏）")
    if suffix in (".docx", ".xlsx"):
        raise ExtractionError(name, f"不是有效的 {suffix[1:]} 文件（文件已损坏或格式不符）")
    if suffix in IMAGE_SUFFIXES:
        raise ExtractionError(name, "不是有效的图片文件（文件已损坏或格式不符）")
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
    if kind == "image":
        from .extractors.image import extract_image

        return extract_image(data, name)
    from .extractors.plain import extract_txt

    return extract_txt(data, name)


def from_text(text: str, name: str | None = None) -> Extracted:
    """A bare string, as `scan_text` sees it."""
    return Extracted(text=text, kind="text", name=name)
