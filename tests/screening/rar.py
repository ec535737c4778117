"""RAR 4 archives built on the spot. No tool that writes RAR is free to ship (RAR's compressor is
proprietary), but RAR 4's "store" method (members kept uncompressed) is a plain documented
layout: a marker block, an archive header, one file header plus the bytes per member, an end
block, each header with the low 16 bits of its CRC-32. WinRAR, unrar and libarchive read these
files as they read any other RAR archive."""

from __future__ import annotations

import struct
import zlib

MARKER = b"Rar!\x1a\x07\x00"
_LONG_BLOCK, _ENCRYPTED = 0x8000, 0x0004


def _block(head_type: int, flags: int, body: bytes) -> bytes:
    head = struct.pack("<BHH", head_type, flags, 7 + len(body)) + body
    return struct.pack("<H", zlib.crc32(head) & 0xFFFF) + head


def rar_bytes(members: dict[str, bytes | str], *, encrypted: tuple[str, ...] = ()) -> bytes:
    """A RAR 4 archive storing `members` (names written in GBK, as Chinese Windows does)."""
    out = [MARKER, _block(0x73, 0, b"\0" * 6)]
    for name, data in members.items():
        data = data.encode("utf-8") if isinstance(data, str) else data
        raw_name = name.encode("gbk")
        flags = _LONG_BLOCK | (_ENCRYPTED if name in encrypted else 0)
        body = struct.pack(
            "<IIBIIBBHI",
            len(data),  # packed size
            len(data),  # unpacked size
            2,  # host OS: Windows
            zlib.crc32(data),
            0x5A210000,  # DOS time: 2025-01-01
            29,  # version needed: 2.9
            0x30,  # method: store
            len(raw_name),
            0x20,  # attributes: archive
        )
        out.append(_block(0x74, flags, body + raw_name) + data)
    out.append(_block(0x7B, 0x4000, b""))
    return b"".join(out)
