"""The archive an export writes: a zip of JSON files and files, described by `manifest.json`.

    manifest.json            {"format", "format_version", "exported_at", "institution": {slug, code, name},
                              "counts": {label: rows}, "files": {member: sha256}, "warnings": [...]}
    data/<label>.json        [{"pk": <id inside this archive>, "fields": {...}}, ...] per exported model
    data/users.json          [{"username", "first_name", "last_name", "email"}, ...] (no password)
    files/<sha256>           each stored file once, by content

Every member but the manifest is listed in it with its sha256; `Reader` refuses an archive with a member
missing, unlisted or changed.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from uuid import UUID

FORMAT = "xxgk-institution"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
USERS = "data/users.json"
CHUNK = 1 << 20


class ArchiveError(Exception):
    """The archive cannot be read or does not match its manifest (the message says what, in Chinese)."""


def data_member(label: str) -> str:
    return f"data/{label}.json"


def file_member(sha256: str) -> str:
    return f"files/{sha256}"


def _default(value):
    if isinstance(value, datetime | date | time):
        return value.isoformat()  # full microseconds (DjangoJSONEncoder keeps only milliseconds)
    if isinstance(value, Decimal | UUID):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def dumps(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, default=_default, indent=0, sort_keys=True).encode()


class Writer:
    """Writes members into a zip, remembering each one's sha256 for the manifest."""

    def __init__(self, fileobj) -> None:
        self.zip = zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED)
        self.checksums: dict[str, str] = {}

    def write_json(self, member: str, value) -> None:
        data = dumps(value)
        self.zip.writestr(member, data)
        self.checksums[member] = hashlib.sha256(data).hexdigest()

    def write_file(self, handle) -> str:
        """Copy an open binary file in (once per content); returns its member name."""
        digest = hashlib.sha256()
        chunks = []
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            chunks.append(chunk)
        sha = digest.hexdigest()
        member = file_member(sha)
        if member not in self.checksums:
            with self.zip.open(member, "w", force_zip64=True) as out:
                for chunk in chunks:
                    out.write(chunk)
            self.checksums[member] = sha
        return member

    def close(self, manifest: dict) -> None:
        self.zip.writestr(MANIFEST, dumps({**manifest, "files": self.checksums}))
        self.zip.close()


class Reader:
    """An archive checked against its manifest before anything is read from it."""

    def __init__(self, path) -> None:
        try:
            self.zip = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as exc:
            raise ArchiveError(f"无法读取导出文件：{exc}") from exc
        try:
            self.manifest = json.loads(self.zip.read(MANIFEST))
        except (KeyError, ValueError) as exc:
            raise ArchiveError("导出文件缺少可读的 manifest.json。") from exc
        if self.manifest.get("format") != FORMAT:
            raise ArchiveError("这不是 xxgk 学校导出文件（manifest 的 format 不符）。")
        if self.manifest.get("format_version") != FORMAT_VERSION:
            raise ArchiveError(
                f"导出文件格式版本 {self.manifest.get('format_version')} 与本系统（{FORMAT_VERSION}）不符。"
            )
        self._verify()

    def _verify(self) -> None:
        listed = self.manifest.get("files")
        if not isinstance(listed, dict):
            raise ArchiveError("manifest.json 没有文件清单。")
        present = {i.filename for i in self.zip.infolist() if not i.is_dir()} - {MANIFEST}
        if missing := sorted(set(listed) - present):
            raise ArchiveError(f"导出文件缺少 manifest 列出的 {len(missing)} 个文件，如 {missing[0]}。")
        if extra := sorted(present - set(listed)):
            raise ArchiveError(f"导出文件含 manifest 未列出的 {len(extra)} 个文件，如 {extra[0]}。")
        for member, expected in listed.items():
            digest = hashlib.sha256()
            with self.zip.open(member) as handle:
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
            if digest.hexdigest() != expected:
                raise ArchiveError(f"校验和不符：{member} 与 manifest 记录的不一致，导出文件可能已损坏或被修改。")

    def rows(self, label: str) -> list[dict]:
        member = data_member(label)
        if member not in self.manifest["files"]:
            return []
        return json.loads(self.zip.read(member))

    def users(self) -> list[dict]:
        return json.loads(self.zip.read(USERS)) if USERS in self.manifest["files"] else []

    def read_file(self, member: str) -> bytes:
        if not member.startswith("files/") or member not in self.manifest["files"]:
            raise ArchiveError(f"导出文件中没有 {member}。")
        return self.zip.read(member)

    def close(self) -> None:
        self.zip.close()
