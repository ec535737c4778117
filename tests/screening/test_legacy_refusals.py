"""A legacy Office file that cannot be converted is unscreenable, with a reason a person can act
on: encrypted, damaged, a conversion that takes too long, LibreOffice not installed."""

from __future__ import annotations

import io

import pytest

from xxgk.screening import screen
from xxgk.screening.extractors import convert

from .documents import ID_A, admission_docx
from .legacy import needs_soffice, save_as


@pytest.fixture(scope="module")
def doc(tmp_path_factory):
    if convert.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: run `make system-deps`")
    return save_as(admission_docx(tmp_path_factory.mktemp("doc") / "名单.docx"), "doc")


def _only_reason(result) -> str:
    assert result.parts == [] and len(result.unscreenable) == 1
    return result.unscreenable[0].reason


def test_an_encrypted_doc_is_unscreenable(doc, tmp_path):
    import olefile

    path = tmp_path / "名单.doc"
    path.write_bytes(doc)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        fib = bytearray(ole.openstream("WordDocument").read())
        fib[0x0B] |= 0x01  # FibBase.fEncrypted: what Word sets when a password is required to open
        ole.write_stream("WordDocument", bytes(fib))
    assert "加密" in _only_reason(screen(path.read_bytes(), "名单.doc"))


@needs_soffice
def test_a_damaged_doc_is_unscreenable(doc):
    reason = _only_reason(screen(doc[: len(doc) // 3], "名单.doc"))
    assert "损坏" in reason and ".docx" in reason


def test_a_conversion_that_takes_too_long_is_stopped_and_unscreenable(doc, monkeypatch):
    monkeypatch.setattr(convert, "TIMEOUT_SECONDS", 0.05)
    reason = _only_reason(screen(doc, "名单.doc"))
    assert "超时" in reason


def test_without_libreoffice_a_doc_is_unscreenable(doc, monkeypatch):
    monkeypatch.setattr(convert, "soffice", lambda: None)
    assert "未安装 LibreOffice" in _only_reason(screen(doc, "名单.doc"))


def test_an_ole_file_that_is_no_office_document_is_unscreenable():
    import olefile

    assert olefile.isOleFile(io.BytesIO(_msi_like()))
    assert "不是 Word、Excel 或 PowerPoint" in _only_reason(screen(_msi_like(), "名单.doc"))


def _msi_like() -> bytes:
    """An OLE compound file with one stream that no Office program writes."""
    sector = 512
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[0x18:0x1A] = (0x3E).to_bytes(2, "little")  # minor version
    header[0x1A:0x1C] = (3).to_bytes(2, "little")  # major version 3: 512-byte sectors
    header[0x1C:0x1E] = (0xFFFE).to_bytes(2, "little")  # little endian
    header[0x1E:0x20] = (9).to_bytes(2, "little")  # sector size 2^9
    header[0x20:0x22] = (6).to_bytes(2, "little")  # mini sector size 2^6
    header[0x2C:0x30] = (1).to_bytes(4, "little")  # one FAT sector
    header[0x30:0x34] = (1).to_bytes(4, "little")  # directory starts at sector 1
    header[0x38:0x3C] = (4096).to_bytes(4, "little")  # mini stream cutoff
    header[0x3C:0x40] = (0xFFFFFFFE).to_bytes(4, "little")  # no mini FAT
    header[0x44:0x48] = (0xFFFFFFFE).to_bytes(4, "little")  # no DIFAT sectors
    difat = [0] + [0xFFFFFFFF] * 108
    header[0x4C:0x200] = b"".join(v.to_bytes(4, "little") for v in difat)
    fat = [0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFE] + [0xFFFFFFFF] * 125
    fat_sector = b"".join(v.to_bytes(4, "little") for v in fat)

    def entry(name: str, kind: int, start: int, size: int, child: int = 0xFFFFFFFF) -> bytes:
        e = bytearray(128)
        raw = (name + "\0").encode("utf-16-le")
        e[0 : len(raw)] = raw
        e[0x40:0x42] = len(raw).to_bytes(2, "little")
        e[0x42] = kind
        e[0x43] = 1  # black
        e[0x44:0x48] = (0xFFFFFFFF).to_bytes(4, "little")
        e[0x48:0x4C] = (0xFFFFFFFF).to_bytes(4, "little")
        e[0x4C:0x50] = child.to_bytes(4, "little")
        e[0x74:0x78] = start.to_bytes(4, "little")
        e[0x78:0x7C] = size.to_bytes(4, "little")
        return bytes(e)

    directory = entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1) + entry("Installer", 2, 2, 4096)
    directory += bytes(128) * 2
    return bytes(header) + fat_sector + directory + f"名单 {ID_A}".encode().ljust(sector, b"\0") + bytes(4096 - sector)
