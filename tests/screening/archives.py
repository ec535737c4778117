"""Zip archives built on the spot for the archive tests."""

from __future__ import annotations

import io
import struct
import zipfile


def zip_bytes(members: dict[str, bytes | str], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def declaring(data: bytes, size: int) -> bytes:
    """The same zip, its central directory claiming every member inflates to `size` bytes."""
    out = bytearray(data)
    pos = out.find(b"PK\x01\x02")
    while pos != -1:
        struct.pack_into("<I", out, pos + 24, size)  # uncompressed size
        pos = out.find(b"PK\x01\x02", pos + 4)
    return bytes(out)
