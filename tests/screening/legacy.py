"""Legacy Office files made at test time: a .docx/.xlsx/.pptx built here, saved by LibreOffice
as .doc/.xls/.ppt (what `make system-deps` installs; without it these tests are skipped)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed: run `make system-deps`"
)

_FILTERS = {"doc": "doc:MS Word 97", "xls": "xls:MS Excel 97", "ppt": "ppt:MS PowerPoint 97"}


def save_as(src: Path, fmt: str) -> bytes:
    """`src` saved by LibreOffice in the legacy format `fmt` ("doc", "xls", "ppt")."""
    out = src.parent / f"{fmt}-out"
    profile = src.parent / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", _FILTERS[fmt]]
        + ["--outdir", str(out), str(src)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (out / f"{src.stem}.{fmt}").read_bytes()


def _fc_lcb_base(word: bytes) -> int:
    """Where the FIB's FibRgFcLcb (fc/lcb pairs) starts in the WordDocument stream."""
    import struct

    csw = struct.unpack_from("<H", word, 32)[0]
    pos = 34 + csw * 2
    cslw = struct.unpack_from("<H", word, pos)[0]
    return pos + 2 + cslw * 4 + 2


def fast_saved(doc: bytes, moved: str, remnant: str) -> bytes:
    """`doc` (one text piece, UTF-16, as LibreOffice writes it) as Word's "fast save" leaves it: the
    paragraph starting with `moved` was edited, so its text now lives in a piece appended at the end
    of the WordDocument stream, and its old place holds the text it replaced, `remnant` (padded or
    cut to the same length), which no piece points to any more; the FIB says fComplex."""
    import struct

    from .olewriter import read_streams, write_ole

    streams, clsid = read_streams(doc)
    word = bytearray(streams[("WordDocument",)])
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    table_name = ("1Table",) if flags & 0x0200 else ("0Table",)
    table = bytearray(streams[table_name])
    base = _fc_lcb_base(word)
    fc_clx, lcb_clx = struct.unpack_from("<II", word, base + 33 * 8)
    clx = table[fc_clx : fc_clx + lcb_clx]
    assert clx[0] == 0x02 and struct.unpack_from("<I", clx, 1)[0] == 16, "one piece expected"
    _cp0, cp_end = struct.unpack_from("<II", clx, 5)
    pcd_flags, fc = struct.unpack_from("<HI", clx, 13)
    assert not fc & 0x40000000, "UTF-16 text expected"
    text = word[fc : fc + 2 * cp_end].decode("utf-16-le")
    k1 = text.index(moved)
    k2 = text.index("\r", k1) + 1
    piece = text[k1:k2]
    old = (remnant + "。" * len(piece))[: len(piece) - 1] + "\r"
    word[fc + 2 * k1 : fc + 2 * k2] = old.encode("utf-16-le")
    word += b"\0" * (-len(word) % 512)
    appended = len(word)
    word += piece.encode("utf-16-le")
    cps = [0, k1, k2, cp_end]
    pcds = [(fc,), (appended,), (fc + 2 * k2,)]
    plc = b"".join(struct.pack("<I", c) for c in cps) + b"".join(struct.pack("<HIH", pcd_flags, f, 0) for (f,) in pcds)
    new_clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    struct.pack_into("<II", word, base + 33 * 8, len(table), len(new_clx))
    table += new_clx
    struct.pack_into("<H", word, 0x0A, flags | 0x0004)  # fComplex
    streams[("WordDocument",)] = bytes(word)
    streams[table_name] = bytes(table)
    return write_ole(streams, clsid)
