"""Reading archives for screening: each member comes out as its own file, within limits.

zip is read with the standard library: a zip bomb is stopped without inflating it (the sizes
the archive declares are added up before anything is read), and the bytes actually inflated are
counted while reading, so an archive that lies about its sizes is stopped too. 7z, RAR (4 and
5) and tar (plain or gzip/bzip2/xz-compressed) are read with libarchive (Debian's libarchive13,
through the libarchive-c binding), one member after the other: a member whose declared size
exceeds what is left of the budget is refused unread, the bytes are counted while reading, and
the member count is checked as members come. Encrypted members are reported, not guessed at.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

#: File name endings read as archives.
ARCHIVE_SUFFIXES: tuple[str, ...] = (".zip", ".7z", ".rar", ".tar", ".tgz", ".tar.gz", ".tar.bz2", ".tar.xz")
_MAGIC = (
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07\x01\x00", "RAR"),
    (b"Rar!\x1a\x07\x00", "RAR"),
)
#: archive kind -> libarchive (format, filter)
_LIBARCHIVE = {"7z": ("7zip", "none"), "RAR": ("rar", "none"), "RAR5": ("rar5", "none"), "tar": ("tar", "all")}

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


def archive_format(data: bytes) -> str | None:
    """ "7z" or "RAR" when `data` starts like one, whatever the file is called."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def archive_kind(data: bytes, name: str | None) -> str | None:
    """How to open `data` as an archive ("zip", "7z", "RAR", "RAR5", "tar"), or None if it is none:
    7z and RAR by their content, whatever the name; the others by the name's ending."""
    if data.startswith(b"Rar!\x1a\x07\x01\x00"):
        return "RAR5"
    kind = archive_format(data)
    if kind is not None:
        return kind
    lowered = (name or "").lower()
    if not lowered.endswith(ARCHIVE_SUFFIXES):
        return None
    if lowered.endswith(".zip"):
        return "zip"
    if lowered.endswith((".7z", ".rar")):
        return "7z" if lowered.endswith(".7z") else "RAR"  # content says otherwise: opening says so
    return "tar"


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n} 字节"


def members(data: bytes, limits: Limits, budget: Budget, kind: str = "zip") -> Iterator[Member]:
    """The files of an archive of `kind` (see `archive_kind`), in order. Raises `ArchiveError`
    when the archive is damaged or, before or while reading, when it holds more files or more
    bytes than `budget` allows."""
    if kind != "zip":
        yield from _libarchive_members(data, kind, limits, budget)
        return
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


# -- 7z, RAR, tar through libarchive -----------------------------------------------------------
def _open_libarchive():
    try:
        import libarchive
        from libarchive import ffi
    except Exception:  # the binding missing, or Debian's libarchive13 not installed
        raise ArchiveError("服务器未安装 libarchive，无法打开 7z、RAR 或 tar 压缩包；请改用 zip 压缩包") from None
    return libarchive, ffi


def _encrypted(ffi, entry) -> bool:
    """libarchive's own flag (since 3.2), which the binding does not wrap."""
    import ctypes

    check = getattr(ffi.libarchive, "archive_entry_is_encrypted", None)
    if check is None:
        return False  # reading the data then fails with "passphrase required", reported as encrypted
    check.argtypes = [ctypes.c_void_p]
    check.restype = ctypes.c_int
    return bool(check(entry._entry_p))


def _entry_name(entry) -> str:
    name = entry.pathname
    if isinstance(name, bytes):  # not UTF-8: names from Chinese Windows are GBK
        name = name.decode("gb18030", "replace")
    return name or "（未命名）"


def _message(exc: Exception) -> str:
    text = getattr(exc, "msg", None) or "数据不完整"
    return text if isinstance(text, str) else text.decode("utf-8", "replace")


def _damaged(kind: str, exc: Exception) -> ArchiveError:
    text = _message(exc)
    if "ncrypt" in text or "assphrase" in text:
        return ArchiveError(f"{kind} 压缩包已加密，无法读取")
    return ArchiveError(f"{kind.rstrip('5')} 压缩包已损坏或格式不符，无法打开（{text[:200]}）")


def _libarchive_members(data: bytes, kind: str, limits: Limits, budget: Budget) -> Iterator[Member]:
    libarchive, ffi = _open_libarchive()
    fmt, flt = _LIBARCHIVE[kind]
    shown = kind.rstrip("5")
    try:
        reader = libarchive.memory_reader(data, format_name=fmt, filter_name=flt)
        archive = reader.__enter__()
    except libarchive.ArchiveError as exc:
        raise _damaged(shown, exc) from None
    try:
        entries = iter(archive)
        while True:
            try:
                entry = next(entries)
            except StopIteration:
                return
            except libarchive.ArchiveError as exc:
                raise _damaged(shown, exc) from None
            if entry.isdir:
                continue
            name = _entry_name(entry)
            if not entry.isfile:
                continue  # links and devices hold no text
            budget.members -= 1
            if budget.members < 0:
                raise ArchiveError(f"压缩包内文件过多（超过 {limits.members} 个）")
            if _encrypted(ffi, entry):
                yield Member(name, None, "文件已加密，无法读取")
                continue
            declared = entry.size
            if declared is not None and declared > budget.total_bytes:
                raise ArchiveError(
                    f"压缩包解压后过大（“{name}”声明 {_size(declared)}，上限 {_size(limits.total_bytes)}），未解压"
                )
            chunks = []
            try:
                for chunk in entry.get_blocks(_CHUNK):
                    budget.total_bytes -= len(chunk)
                    if budget.total_bytes < 0:
                        raise ArchiveError(f"压缩包解压后过大（超过 {_size(limits.total_bytes)}），已停止解压")
                    chunks.append(chunk)
            except libarchive.ArchiveError as exc:
                problem = _damaged(shown, exc).why
                yield Member(
                    name, None, "文件已加密，无法读取" if "加密" in problem else f"无法解压（{_message(exc)}）"
                )
                continue
            yield Member(name, b"".join(chunks))
    finally:
        reader.__exit__(None, None, None)
