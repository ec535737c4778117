"""Every file is either screened or reported as unscreenable, with the reason why."""

from __future__ import annotations

import io

import pytest

from xxgk.screening import screen

from .documents import admission_docx


def _docx(tmp_path) -> bytes:
    return admission_docx(tmp_path / "名单.docx").read_bytes()


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("名单.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, ".doc"),
        ("汇报.pptx", b"PK\x03\x04", "演示文稿"),
        ("公文.ofd", b"PK\x03\x04", "OFD"),
        ("照片.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "图片"),
        ("data.bin", b"\x00\x01\x02\x03", "二进制"),
    ],
)
def test_a_type_the_library_cannot_read_is_unscreenable(name, data, why):
    result = screen(data, name)
    assert not result.parts
    assert len(result.unscreenable) == 1 and why in result.unscreenable[0].reason


def test_a_damaged_docx_is_unscreenable(tmp_path):
    data = _docx(tmp_path)
    result = screen(data[: len(data) // 2], "名单.docx")
    assert not result.parts and "损坏" in result.unscreenable[0].reason


def test_an_encrypted_office_file_says_so():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le")
    result = screen(data, "名单.docx")
    assert "加密" in result.unscreenable[0].reason


def test_an_encrypted_zip_member_is_unscreenable():
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("名单.txt", "x")
    data = bytearray(buf.getvalue())
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = data.find(sig)
        data[pos + flag_at] |= 0x1  # the "encrypted" bit
    result = screen(bytes(data), "材料.zip")
    assert [(u.member, u.reason) for u in result.unscreenable] == [("名单.txt", "文件已加密，无法读取")]


def test_a_scanned_pdf_is_unscreenable():
    from .documents import scanned_pdf_bytes

    result = screen(scanned_pdf_bytes(), "扫描件.pdf")
    assert "没有文字层" in result.unscreenable[0].reason
