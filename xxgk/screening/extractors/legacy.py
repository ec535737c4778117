"""Legacy Office files: Word 97–2003 (.doc), Excel 97–2003 (.xls), PowerPoint 97–2003 (.ppt),
WPS's .wps/.et/.dps (the same formats under Kingsoft's names) and RTF.

They are recognised by their content, never by their name: an OLE compound file and the
streams it holds (`WordDocument`, `Workbook`, `PowerPoint Document`), or RTF's `{\\rtf`. An
encrypted file is refused before anything else is done with it. The rest is converted by
LibreOffice headless (`convert.py`) to .docx/.xlsx/.pptx and read by those extractors, so the
findings' locations are those of the converted document (body, table, sheet and cell, slide).
Whatever goes wrong (encrypted, damaged, a conversion that fails or takes too long,
LibreOffice not installed) raises `ExtractionError`: the file is unscreenable, never clean.

A Word file saved with "fast save" (`FibBase.fComplex`) keeps each edit as a text piece appended to
the file and the text it replaced where it was, pointed to by no piece. LibreOffice follows the piece
table, so the text a reader sees is converted and screened; the replaced text is not, yet it is in
the file that would be published: such a file is screened and also listed as unscreenable
(`Extracted.unscreened`), so a person saves it again (without fast save, or as .docx).

LibreOffice converts with links neither followed nor updated (see convert.py), so content that lives
behind a link (a linked picture, an INCLUDETEXT field, a reference to another workbook) is not in
what is screened: links.py lists such links, from the source and from the conversion, as unscreenable.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

from ..document import Extracted, ExtractionError
from .convert import convert

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: source format -> (the format it is converted to, what to call it)
FORMATS = {
    "doc": ("docx", "Word 97-2003 文档"),
    "xls": ("xlsx", "Excel 97-2003 工作簿"),
    "ppt": ("pptx", "PowerPoint 97-2003 演示文稿"),
    "rtf": ("docx", "RTF 文档"),
}
ENCRYPTED = "文件已加密（设有打开密码），无法读取；请去掉密码后重新上传"
FAST_SAVED = (
    "Word 文档以“快速保存”方式保存，文件中可能留有已删除或修改前的文字，这些文字无法自动筛查；"
    "请在 Word 中关闭“允许快速保存”后重新保存，或另存为 .docx 后重新上传"
)
_ADVICE = "请用 Office 或 WPS 打开检查，另存为 .docx/.xlsx/.pptx 后重新上传"


def _damaged(name: str | None, shown: str, exc: Exception | None = None) -> ExtractionError:
    detail = f"（{exc}）" if exc is not None else ""
    return ExtractionError(name, f"旧版 Office 文件（{shown}）已损坏，无法读取{detail}；{_ADVICE}")


_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_FILEPASS = 0x002F  # BIFF record that starts an encrypted workbook


def is_rtf(data: bytes) -> bool:
    return data[:16].lstrip().startswith(b"{\\rtf")


def _suffix(name: str | None) -> str:
    return Path(name).suffix.lower() if name else ""


def legacy_kind(data: bytes, name: str | None) -> str:
    """ "doc", "xls", "ppt" or "rtf" for a legacy Office file; raises `ExtractionError` for one
    that is encrypted, damaged or not an Office document at all."""
    if is_rtf(data):
        return "rtf"
    import olefile

    shown = _suffix(name) or "OLE"
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:  # olefile raises OSError and others on a damaged file
        if _ENCRYPTED_PACKAGE in data:
            raise ExtractionError(name, ENCRYPTED) from None
        raise _damaged(name, shown, exc) from None
    with ole:
        if ole.exists("EncryptedPackage"):  # an encrypted .docx/.xlsx/.pptx is stored this way
            raise ExtractionError(name, ENCRYPTED)
        try:
            if ole.exists("WordDocument"):
                fib = ole.openstream("WordDocument").read(32)
                if len(fib) < 12:
                    raise _damaged(name, shown)
                if fib[0x0B] & 0x01:  # FibBase.fEncrypted
                    raise ExtractionError(name, ENCRYPTED)
                return "doc"
            for stream in ("Workbook", "Book"):
                if ole.exists(stream):
                    if _workbook_encrypted(ole.openstream(stream).read(4096)):
                        raise ExtractionError(name, ENCRYPTED)
                    return "xls"
            if ole.exists("PowerPoint Document"):
                if ole.exists("EncryptedSummary"):
                    raise ExtractionError(name, ENCRYPTED)
                return "ppt"
        except ExtractionError:
            raise
        except Exception as exc:
            raise _damaged(name, shown, exc) from None
    raise ExtractionError(name, "是 OLE 复合文件，但不是 Word、Excel 或 PowerPoint 文档，无法自动筛查")


def fast_saved(data: bytes) -> bool:
    """Whether a Word binary file (`legacy_kind` said "doc") was saved with "fast save": FibBase.fComplex."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            fib = ole.openstream("WordDocument").read(12)
    except Exception:
        return False  # legacy_kind has opened it already; the conversion says what is wrong
    return len(fib) >= 12 and bool(fib[0x0A] & 0x04)


def _workbook_encrypted(head: bytes) -> bool:
    """A FILEPASS record among the first records of the workbook globals."""
    pos = 0
    for _ in range(16):
        if pos + 4 > len(head):
            return False
        rtype, size = struct.unpack_from("<HH", head, pos)
        if rtype == _FILEPASS:
            return True
        pos += 4 + size
    return False


def extract_legacy(data: bytes, name: str | None, timeout: float | None = None) -> Extracted:
    source = legacy_kind(data, name)
    target, label = FORMATS[source]
    converted = convert(data, source, target, name, timeout=timeout)
    if target == "docx":
        from .word import extract_docx as read
    elif target == "xlsx":
        from .sheet import extract_xlsx as read
    else:
        from .slides import extract_pptx as read
    try:
        extracted = read(converted, name)
    except ExtractionError as exc:
        raise ExtractionError(name, f"LibreOffice 转换后的文件无法读取（{exc.why}）") from None
    extracted.converted_from = source
    from ..embedded import package_pictures

    extracted.pictures = package_pictures(converted)  # LibreOffice keeps them: read by OCR when screened
    if source == "doc" and fast_saved(data):
        extracted.unscreened.append(FAST_SAVED)
    from ..links import legacy_links, ooxml_links, reason

    # content behind links, from the source (LibreOffice drops some links) and from the conversion
    linked = reason(legacy_links(data, source) + ooxml_links(converted))
    if linked:
        extracted.unscreened.append(linked)
    extracted.warnings.append(f"旧版格式（{label}），已用 LibreOffice 转换为 .{target} 后筛查")
    return extracted
