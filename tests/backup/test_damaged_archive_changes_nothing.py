"""A restore checks the whole archive against its manifest before it touches anything: a file whose
bytes changed, a member the manifest does not list, or a missing member stops it with the reason, and
the database and media folder it was pointed at stay empty."""

from __future__ import annotations

import io
import json
import tarfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from xxgk.ops.backup import BackupError, verify
from xxgk.publishing import services


def _rewrite(source, target, change):
    """Copy the archive member by member, letting `change(name, data)` return new bytes (or None to drop)."""
    with tarfile.open(source, "r:*") as old, tarfile.open(target, "w") as new:
        for info in old:
            data = change(info.name, old.extractfile(info).read())
            if data is None:
                continue
            info.size = len(data)
            new.addfile(info, io.BytesIO(data))


@pytest.fixture
def archive(transactional_db, world, tmp_path):
    record = world.draft()
    services.add_attachment(
        world.drafter_a, record, SimpleUploadedFile("名单说明.txt", "共三页。".encode(), content_type="text/plain")
    )
    path = tmp_path / "good.tar"
    call_command("backup", output=str(path), stdout=io.StringIO())
    return path


def test_a_changed_file_stops_the_restore_before_anything_is_written(archive, tmp_path, fresh_place):
    bad = tmp_path / "bad.tar"
    _rewrite(
        archive,
        bad,
        lambda name, data: data.replace("三".encode(), "四".encode()) if name.startswith("media/") else data,
    )

    done = fresh_place.xxgk("restore", str(bad))
    assert done.returncode != 0
    assert "校验失败" in done.stderr and "名单说明.txt" in done.stderr and "校验和不符" in done.stderr
    assert not fresh_place.media_root.exists()
    tables = fresh_place.xxgk(
        "shell", "-c", "from django.db import connection; print(len(connection.introspection.table_names()))"
    )
    assert tables.stdout.strip().splitlines()[-1] == "0"


def test_extra_or_missing_members_are_refused(archive, tmp_path):
    extra = tmp_path / "extra.tar"
    _rewrite(archive, extra, lambda name, data: data)
    with tarfile.open(extra, "a") as tar:
        info = tarfile.TarInfo("media/records/hblg/1/后加的.txt")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    with pytest.raises(BackupError, match="清单中没有 media/records/hblg/1/后加的.txt"):
        verify(extra, tmp_path)

    missing = tmp_path / "missing.tar"
    _rewrite(archive, missing, lambda name, data: None if name.startswith("media/") else data)
    with pytest.raises(BackupError, match="缺少 media/"):
        verify(missing, tmp_path)

    no_manifest = tmp_path / "no-manifest.tar"
    _rewrite(archive, no_manifest, lambda name, data: None if name == "manifest.json" else data)
    with pytest.raises(BackupError, match="没有 manifest.json"):
        verify(no_manifest, tmp_path)


def test_the_manifest_lists_what_the_archive_holds(archive, tmp_path):
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert manifest["format"] == "xxgk-backup" and manifest["missing_media"] == []
    assert [m["name"].rsplit("/", 1)[-1] for m in manifest["media"]] == ["名单说明.txt"]
    assert manifest["tables"]["publishing_attachment"] == 1 and manifest["tables"]["auth_user"] >= 10
    assert verify(archive, tmp_path).manifest == manifest
