"""Backups that restore: the database and the stored files in one archive, with a manifest of checksums.

`make_backup(path)` writes a tar archive (gzip when the name ends in .gz or .tgz), readable only by its
owner (it holds personal data):

    manifest.json        what is inside: format, xxgk version, the database's vendor and server version,
                         the applied migrations, the row count of every table, and the sha256 and size
                         of every member
    database.pgdump      PostgreSQL: `pg_dump --format=custom`, taken in the snapshot the manifest
                         was read in (`--snapshot`), so counts and file names match the dump exactly
    database.sqlite3     SQLite: a copy made with SQLite's online backup API (safe while the site runs)
    media/<name>         every file a row names (attachments, letters, notices, reply files), read
                         through the storage API (local disk or an object store)

Only files the dumped rows name are kept: a file written by a transaction that had not committed when
the snapshot was taken belongs to no row of the dump (`xxgk sweep-media` would remove it anyway). A
named file missing from storage is listed in the manifest (`missing_media`) and reported.

`restore(path)` puts an archive into an empty database and an empty storage: it first reads the whole
archive and checks every member against the manifest (and refuses a backup whose migrations this code
does not have), before touching anything; then it loads the database (pg_restore in one transaction, or
SQLite's backup API), compares every table's row count with the manifest, writes the files through the
storage API and reads each back to check its sha256, applies this code's newer migrations, and rebuilds
the search index. A database that holds accounts or institutions, or a storage holding files, is
refused unless `force`.

`pg_dump`/`pg_restore` must be at least the server's major version (checked); `XXGK_PG_BIN` names the
folder holding them when those on PATH are older (e.g. /usr/lib/postgresql/16/bin).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, models, transaction

from xxgk import __version__

FORMAT = "xxgk-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """Why a backup or a restore cannot go on (said to the operator as it is)."""


@dataclass
class Member:
    name: str
    size: int
    sha256: str


@dataclass
class Verified:
    """An archive whose every member matched its manifest; the database file extracted to `database`."""

    manifest: dict
    database: Path
    media: list[Member] = field(default_factory=list)


# --- shared helpers -------------------------------------------------------------------------------------------


def _sha256_of(handle) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _file_columns() -> list[tuple[str, str]]:
    """(table, column) of every FileField of every model."""
    out = []
    for model in apps.get_models():
        for f in model._meta.get_fields():
            if isinstance(f, models.FileField):
                out.append((model._meta.db_table, f.column))
    return sorted(set(out))


def _named_files(cursor, quote) -> set[str]:
    names: set[str] = set()
    for table, column in _file_columns():
        cursor.execute(f"SELECT {quote(column)} FROM {quote(table)} WHERE {quote(column)} <> ''")
        names.update(row[0] for row in cursor.fetchall() if row[0])
    return names


#: The search index's full-text tables (SQLite FTS5 and its shadow tables): not counted (a virtual table
#: cannot be scanned) and rebuilt on restore anyway.
SEARCH_INDEX_TABLES = "portal_searchfts"


def _row_counts(cursor, tables, quote) -> dict[str, int]:
    counts = {}
    for table in sorted(t for t in tables if not t.startswith(SEARCH_INDEX_TABLES)):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _applied_migrations(cursor, quote) -> dict[str, list[str]]:
    cursor.execute(f"SELECT app, name FROM {quote('django_migrations')} ORDER BY app, name")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def _sqlite_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_tables(db) -> list[str]:
    rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").fetchall()
    return [r[0] for r in rows]


def _pg_tool(name: str) -> str:
    folder = getattr(settings, "XXGK_PG_BIN", "")
    path = str(Path(folder) / name) if folder else shutil.which(name)
    if not path or not os.access(path, os.X_OK):
        raise BackupError(
            f"找不到 {name}：请安装与服务器同版本的 PostgreSQL 客户端（Debian：postgresql-client），或用 XXGK_PG_BIN 指明目录。"
        )
    done = subprocess.run([path, "--version"], capture_output=True, text=True, check=False)
    found = re.search(r"\)\s+(\d+)", done.stdout)
    connection.ensure_connection()
    server = connection.pg_version // 10000
    if not found or int(found.group(1)) < server:
        raise BackupError(
            f"{path} 的版本（{done.stdout.strip()}）低于数据库服务器的 PostgreSQL {server}："
            f"请安装 postgresql-client-{server}，或用 XXGK_PG_BIN 指明其目录。"
        )
    return path


def _pg_command(tool: str, *args: str) -> tuple[list[str], dict]:
    """`tool` with the connection options of the default database (as Django's dbshell builds them)."""
    from django.db.backends.postgresql.client import DatabaseClient

    base, env = DatabaseClient.settings_to_cmd_args_env(connection.settings_dict, [])
    *options, dbname = base[1:]
    full_env = {**os.environ, **(env or {})}
    return [_pg_tool(tool), *options, *args, "--dbname", dbname], full_env


def _run(command: list[str], env: dict, what: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{what}失败（退出码 {done.returncode}）：{done.stderr.strip()[-2000:]}")


# --- backing up -----------------------------------------------------------------------------------------------


def _dump_postgresql(target: Path) -> dict:
    """Dump in a snapshot and read the manifest's counts and file names in the same snapshot."""
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
        snapshot, server_version = cursor.fetchone()
        command, env = _pg_command("pg_dump", "--format=custom", f"--snapshot={snapshot}", "--file", str(target))
        _run(command, env, "pg_dump ")
        tables = connection.introspection.table_names(cursor)
        return {
            "server_version": server_version,
            "tables": _row_counts(cursor, tables, quote),
            "migrations": _applied_migrations(cursor, quote),
            "files": _named_files(cursor, quote),
        }


def _dump_sqlite(target: Path) -> dict:
    """SQLite's online backup API from the site's own connection, then everything read from the copy."""
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        cursor = copy.cursor()
        return {
            "server_version": sqlite3.sqlite_version,
            "tables": _row_counts(cursor, _sqlite_tables(copy), _sqlite_quote),
            "migrations": _applied_migrations(cursor, _sqlite_quote),
            "files": _named_files(cursor, _sqlite_quote),
        }
    finally:
        copy.close()


def _vendor() -> str:
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(f"不支持的数据库：{connection.vendor}（只支持 PostgreSQL 和 SQLite）")
    return connection.vendor


class _Hashing:
    """A file object that hashes what is read through it (tarfile reads exactly `size` bytes)."""

    def __init__(self, handle):
        self.handle, self.digest, self.count = handle, hashlib.sha256(), 0

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        self.count += len(data)
        return data


def _add(tar: tarfile.TarFile, name: str, handle, size: int, mtime: float) -> Member:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(mtime), 0o600
    reader = _Hashing(handle)
    tar.addfile(info, reader)
    if reader.count != size:
        raise BackupError(f"{name}：读到 {reader.count} 字节，应为 {size} 字节（文件在备份时被改动？）")
    return Member(name, size, reader.digest.hexdigest())


def make_backup(output: str | os.PathLike, *, storage=None, log=lambda message: None) -> dict:
    """Write the archive to `output` (replaced only once complete); returns its manifest."""
    storage = storage or default_storage
    output = Path(output).resolve()
    vendor = _vendor()
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    mode = "w:gz" if output.name.endswith((".gz", ".tgz")) else "w"
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".xxgk-backup-") as work:
        dump = Path(work) / DATABASE_MEMBERS[vendor]
        log(f"数据库（{vendor}）导出中…")
        state = _dump_postgresql(dump) if vendor == "postgresql" else _dump_sqlite(dump)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode=mode) as tar:
                with open(dump, "rb") as handle:
                    database = _add(tar, dump.name, handle, dump.stat().st_size, dump.stat().st_mtime)
                media, missing = [], []
                for name in sorted(state["files"]):
                    if not storage.exists(name):
                        missing.append(name)
                        continue
                    with storage.open(name, "rb") as handle:
                        stored = _add(
                            tar,
                            MEDIA_PREFIX + name,
                            handle,
                            storage.size(name),
                            storage.get_modified_time(name).timestamp(),
                        )
                    media.append({"name": name, "size": stored.size, "sha256": stored.sha256})
                log(f"文件 {len(media)} 个" + (f"，缺失 {len(missing)} 个" if missing else ""))
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "xxgk": __version__,
                    "created": datetime.now(UTC).isoformat(timespec="seconds"),
                    "database": {
                        "vendor": vendor,
                        "server_version": state["server_version"],
                        "member": database.name,
                        "size": database.size,
                        "sha256": database.sha256,
                    },
                    "migrations": state["migrations"],
                    "tables": state["tables"],
                    "media": media,
                    "missing_media": missing,
                }
                body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(body), int(datetime.now().timestamp()), 0o600
                tar.addfile(info, io.BytesIO(body))
            os.replace(partial, output)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return manifest


# --- restoring ------------------------------------------------------------------------------------------------


def _safe_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts and "\\" not in name


def verify(archive: str | os.PathLike, workdir: str | os.PathLike) -> Verified:
    """Read the whole archive and check it against its manifest; extract the database file into `workdir`.
    Raises BackupError on anything that does not match. Touches neither the database nor the storage."""
    seen: dict[str, Member] = {}
    manifest_bytes = None
    extracted: dict[str, Path] = {}
    try:
        tar = tarfile.open(archive, mode="r:*")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"无法读取备份文件：{exc}") from None
    with tar:
        try:
            for info in tar:
                if not info.isfile() or not _safe_member_name(info.name):
                    raise BackupError(f"备份中有不应有的条目：{info.name!r}")
                if info.name in seen or (info.name == MANIFEST and manifest_bytes is not None):
                    raise BackupError(f"备份中条目重复：{info.name}")
                handle = tar.extractfile(info)
                if info.name == MANIFEST:
                    manifest_bytes = handle.read()
                    continue
                if info.name in DATABASE_MEMBERS.values():
                    target = Path(workdir) / info.name
                    with open(target, "wb") as out:
                        reader = _Hashing(handle)
                        while chunk := reader.read(CHUNK):
                            out.write(chunk)
                    extracted[info.name] = target
                    seen[info.name] = Member(info.name, reader.count, reader.digest.hexdigest())
                else:
                    digest, size = _sha256_of(handle)
                    seen[info.name] = Member(info.name, size, digest)
        except (OSError, tarfile.TarError, EOFError) as exc:
            raise BackupError(f"备份文件已损坏或不完整：{exc}") from None
    if manifest_bytes is None:
        raise BackupError("备份中没有 manifest.json：不是 xxgk 的备份，或文件不完整。")
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError:
        raise BackupError("manifest.json 无法解析。") from None
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"不认识的备份格式：{manifest.get('format')} {manifest.get('format_version')}")
    database = manifest["database"]
    expected = {database["member"]: (database["size"], database["sha256"])}
    for entry in manifest["media"]:
        expected[MEDIA_PREFIX + entry["name"]] = (entry["size"], entry["sha256"])
    problems = []
    for name, (size, digest) in expected.items():
        found = seen.get(name)
        if found is None:
            problems.append(f"缺少 {name}")
        elif (found.size, found.sha256) != (size, digest):
            problems.append(f"{name} 的校验和不符（sha256 {found.sha256[:12]}…，应为 {digest[:12]}…）")
    problems += [f"清单中没有 {name}" for name in sorted(set(seen) - set(expected))]
    if problems:
        raise BackupError("备份校验失败，未做任何改动：\n" + "\n".join(f"- {p}" for p in problems))
    media = [Member(e["name"], e["size"], e["sha256"]) for e in manifest["media"]]
    return Verified(manifest=manifest, database=extracted[database["member"]], media=media)


def _unknown_migrations(manifest: dict) -> list[str]:
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return sorted(
        f"{app}.{name}" for app, names in manifest["migrations"].items() for name in names if (app, name) not in known
    )


def database_holds_data() -> bool:
    """Whether the configured database holds anything a person entered (an account or an institution).
    A new database, empty or only migrated, holds neither."""
    from django.contrib.auth import get_user_model

    from xxgk.org.models import Institution

    tables = set(connection.introspection.table_names())
    return any(
        model._meta.db_table in tables and model._base_manager.exists() for model in (get_user_model(), Institution)
    )


def storage_holds_files(storage=None) -> bool:
    from xxgk.core.stored_files import walk

    return next(iter(walk(storage or default_storage)), None) is not None


def _restore_postgresql(dump: Path) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if tables:
            # emptied by `database_holds_data` (or --force): start from a bare schema
            cursor.execute(f"DROP SCHEMA {quote('public')} CASCADE")
            cursor.execute(f"CREATE SCHEMA {quote('public')}")
    connection.close()
    command, env = _pg_command(
        "pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", str(dump)
    )
    _run(command, env, "pg_restore ")


def _restore_sqlite(dump: Path) -> None:
    name = str(connection.settings_dict["NAME"])
    if connection.is_in_memory_db() or not name:
        raise BackupError("不能恢复到内存中的 SQLite 数据库：请用 DATABASE_URL 指定一个文件。")
    connection.close()
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    source, target = sqlite3.connect(dump), sqlite3.connect(name)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=WAL")  # as the site opens it (settings.py)
    finally:
        source.close()
        target.close()


def _current_counts(vendor: str) -> dict[str, int]:
    connection.close()
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            tables = [r[0] for r in cursor.fetchall()]
        else:
            tables = connection.introspection.table_names(cursor)
        return _row_counts(cursor, tables, connection.ops.quote_name)


def restore(
    archive: str | os.PathLike, *, force: bool = False, storage=None, log=lambda message: None, migrate=True
) -> dict:
    """Restore `archive` into the configured database and storage (see the module's docstring); returns
    the manifest. Raises BackupError, having changed nothing, when the archive does not verify or the
    target is not empty (without `force`)."""
    from django.core.management import call_command

    storage = storage or default_storage
    vendor = _vendor()
    with tempfile.TemporaryDirectory(prefix="xxgk-restore-") as work:
        log("校验备份…")
        checked = verify(archive, work)
        manifest = checked.manifest
        if manifest["database"]["vendor"] != vendor:
            raise BackupError(
                f"备份来自 {manifest['database']['vendor']}，当前数据库是 {vendor}：只能恢复到同一种数据库。"
            )
        unknown = _unknown_migrations(manifest)
        if unknown:
            raise BackupError(
                "备份来自更新的 xxgk 版本（本程序没有这些迁移："
                + "、".join(unknown[:5])
                + ("…" if len(unknown) > 5 else "")
                + "）：请先升级 xxgk。"
            )
        if not force:
            if database_holds_data():
                raise BackupError("数据库中已有账号或学校：恢复只写入空数据库。确需覆盖请加 --force。")
            if storage_holds_files(storage):
                raise BackupError("文件存储中已有文件：恢复只写入空的存储。确需覆盖请加 --force。")
        log(f"校验通过：数据库 1 个、文件 {len(checked.media)} 个。恢复数据库…")
        if vendor == "postgresql":
            _restore_postgresql(checked.database)
        else:
            _restore_sqlite(checked.database)
        counts = _current_counts(vendor)
        differ = sorted(t for t, n in manifest["tables"].items() if counts.get(t) != n)
        if differ:
            raise BackupError(f"恢复后的行数与备份不符：{', '.join(differ[:10])}")
        log(f"数据库已恢复（{len(counts)} 张表，行数与备份一致）。写入文件…")
        with tarfile.open(archive, mode="r:*") as tar:
            for info in tar:
                if not info.name.startswith(MEDIA_PREFIX):
                    continue
                name = info.name[len(MEDIA_PREFIX) :]
                if storage.exists(name):
                    storage.delete(name)  # only reachable with --force
                stored = storage.save(name, File(tar.extractfile(info), name=PurePosixPath(name).name))
                if stored != name:
                    raise BackupError(f"文件 {name} 被存为 {stored}")
        for member in checked.media:
            with storage.open(member.name, "rb") as handle:
                if _sha256_of(handle) != (member.sha256, member.size):
                    raise BackupError(f"写入后读回的文件 {member.name} 与备份不符")
        log(f"文件已写入并逐个读回核对（{len(checked.media)} 个）。")
    if migrate:
        call_command("migrate", interactive=False, verbosity=0)
    from xxgk.portal.search import rebuild_index

    indexed = rebuild_index()
    log(f"全文检索索引已重建（{indexed} 条记录）。")
    return manifest
