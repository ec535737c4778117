"""Reading zip archives for screening: each member comes out as its own file, within limits.

A zip bomb is stopped without inflating it: the sizes the archive declares are added up
before anything is read, and the bytes actually inflated are counted while reading, so an
archive that lies about its sizes is stopped too. Standard library only (zipfile).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

#: File name endings read as archives.
ARCHIVE_SUFFIXES: tuple[str, ...] = (".zip",)

MAX_DEPTH = 3  # archives inside archives, the outer one counting as 1
MAX_MEMBERS = 1000  # files in an archive and in the archives inside it, together
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # uncompressed, all members together
_CHUNK = 64 * 1024
_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1


@dataclass(frozen=True)
class Limits:
    """How far `screen` goes into an archive, and how many findings one file may give."""

    depth: int = MAX_DEPTH
    members: int = MAX_MEMBERS
    total_bytes: int = MAX_TOTAL_BYTES
    findings: int = 500


class ArchiveError(Exception):
    """The archive as a whole cannot be read, or a limit was hit; `why` is in Chinese."""

    def __init__(self, why: str):
        self.why = why
        super().__init__(why)


@dataclass
class Budget:
    """What is left of the limits, shared by an archive and the archives inside it."""

    members: int
    total_bytes: int


@dataclass(frozen=True)
class Member:
    """One file of an archive: its bytes, or why they could not be read."""

    name: str
    data: bytes | None
    problem: str | None = None


def _member_name(info: zipfile.ZipInfo) -> str:
    """The name as the person who made the archive wrote it (Windows zips name members in GBK)."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n} 字节"


def members(data: bytes, limits: Limits, budget: Budget) -> Iterator[Member]:
    """The files of a zip archive, in order. Raises `ArchiveError` when the archive is damaged
    or, before or while reading, when it holds more files or more bytes than `budget` allows."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise ArchiveError(f"压缩包已损坏，无法打开（{exc}）") from None
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > budget.members:
            raise ArchiveError(f"压缩包内文件过多（{len(infos)} 个，上限 {limits.members} 个）")
        declared = sum(i.file_size for i in infos)
        if declared > budget.total_bytes:
            raise ArchiveError(f"压缩包解压后过大（声明 {_size(declared)}，上限 {_size(limits.total_bytes)}），未解压")
        budget.members -= len(infos)
        for info in infos:
            name = _member_name(info)
            if info.flag_bits & _ENCRYPTED_FLAG:
                yield Member(name, None, "文件已加密，无法读取")
                continue
            try:
                yield Member(name, _read(zf, info, budget, limits))
            except ArchiveError:
                raise
            except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError, OSError) as exc:
                yield Member(name, None, f"无法解压（{exc}）")


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget, limits: Limits) -> bytes:
    """The member's bytes, counted against the budget while inflating (headers can lie)."""
    chunks = []
    with zf.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            budget.total_bytes -= len(chunk)
            if budget.total_bytes < 0:
                raise ArchiveError(f"压缩包解压后过大（超过 {_size(limits.total_bytes)}），已停止解压")
            chunks.append(chunk)
    return b"".join(chunks)
