"""An archive whose members do not match the manifest's checksums, or that has a member more or less than
it lists, is refused before anything is written."""

from __future__ import annotations

import zipfile

import pytest
from django.core.management import CommandError, call_command

from tests.transfer.archives import rewrite, small_export
from xxgk.org.models import Institution


@pytest.fixture
def archive(world, tmp_path):
    return small_export(world, tmp_path / "hblg.zip")


def _refused(archive, match):
    before = Institution.objects.count()
    with pytest.raises(CommandError, match=match):
        call_command("import", str(archive), "--as", "hblg-copy")
    assert Institution.objects.count() == before and not Institution.objects.filter(slug="hblg-copy").exists()


def test_a_changed_member_is_refused(archive):
    rewrite(
        archive,
        "data/publishing.Record.json",
        lambda data: data.replace("开放日".encode(), "闭馆日".encode()),
        fix_manifest=False,
    )
    _refused(archive, "校验和不符：data/publishing.Record.json")


def test_a_changed_file_is_refused(archive):
    with zipfile.ZipFile(archive) as z:
        member = next(n for n in z.namelist() if n.startswith("files/"))
    rewrite(archive, member, lambda data: data + b"!", fix_manifest=False)
    _refused(archive, f"校验和不符：{member}")


def test_a_member_not_in_the_manifest_is_refused(archive):
    with zipfile.ZipFile(archive, "a") as z:
        z.writestr("files/extra", b"x")
    _refused(archive, "未列出")


def test_a_missing_member_is_refused(archive):
    with zipfile.ZipFile(archive) as z:
        members = {i.filename: z.read(i.filename) for i in z.infolist() if i.filename != "data/users.json"}
    with zipfile.ZipFile(archive, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    _refused(archive, "缺少")


def test_not_an_archive_is_refused(db, tmp_path):
    path = tmp_path / "not.zip"
    path.write_bytes(b"PK not really")
    _refused(path, "无法读取导出文件")
