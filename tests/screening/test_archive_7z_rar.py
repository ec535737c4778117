"""7z, RAR and tar archives are opened like zip: each member screened, encrypted or damaged
members unscreenable, a 7z bomb stopped by the same limits."""

from __future__ import annotations

import pytest

from xxgk.screening import Limits, screen

from .documents import ID_A, ID_B
from .rar import rar_bytes

libarchive = pytest.importorskip("libarchive")


def _archive(tmp_path, fmt: str, members: dict[str, bytes], flt: str | None = None) -> bytes:
    path = tmp_path / f"a.{fmt}"
    with libarchive.file_writer(str(path), fmt, flt) as w:
        for name, data in members.items():
            w.add_file_from_memory(name, len(data), data)
    return path.read_bytes()


def _ids(result):
    return sorted((p.member, f.text) for p in result.parts for f in p.findings if f.kind == "id_card")


def test_7z_members_are_screened(tmp_path):
    data = _archive(tmp_path, "7zip", {"名单.txt": f"身份证号：{ID_A}".encode(), "说明/通知.txt": "无".encode()})
    result = screen(data, "材料.7z")
    assert result.unscreenable == [] and result.is_archive
    assert _ids(result) == [("名单.txt", ID_A)]
    assert [p.path for p in result.parts] == ["材料.7z/名单.txt", "材料.7z/说明/通知.txt"]


def test_rar_members_are_screened_and_an_encrypted_one_is_unscreenable():
    data = rar_bytes(
        {"名单.txt": f"身份证号：{ID_A}", "附件/说明.txt": "无", "保密.txt": ID_B}, encrypted=("保密.txt",)
    )
    result = screen(data, "材料.rar")
    assert _ids(result) == [("名单.txt", ID_A)]
    assert [(u.member, u.reason) for u in result.unscreenable] == [("保密.txt", "文件已加密，无法读取")]


def test_an_archive_is_recognised_by_its_content_and_a_damaged_one_is_unscreenable():
    data = rar_bytes({"名单.txt": f"身份证号：{ID_A}"})
    assert _ids(screen(data, "材料.dat")) == [("名单.txt", ID_A)]
    result = screen(data[:40], "材料.rar")
    assert result.parts == [] and any("RAR" in u.reason for u in result.unscreenable)


def test_a_tar_gz_of_a_website_is_screened(tmp_path):
    page = f"<html><body><p>身份证号：{ID_A}</p><script>var x='{ID_B}'</script></body></html>".encode()
    data = _archive(tmp_path, "ustar", {"site/index.html": page}, "gzip")
    assert _ids(screen(data, "site.tar.gz")) == [("site/index.html", ID_A)]


def test_a_7z_bomb_is_stopped(tmp_path):
    data = _archive(tmp_path, "7zip", {"zeros.txt": b"0" * 5_000_000})
    assert len(data) < 20_000
    result = screen(data, "材料.7z", limits=Limits(total_bytes=1_000_000))
    assert not result.parts and "过大" in result.unscreenable[0].reason


def test_members_of_nested_archives_count_against_one_budget(tmp_path):
    inner = _archive(tmp_path, "7zip", {"zeros.txt": b"0" * 600_000})
    data = rar_bytes({"一.7z": inner, "二.7z": inner})
    result = screen(data, "材料.rar", limits=Limits(total_bytes=1_000_000))
    assert any("过大" in u.reason and u.member == "二.7z" for u in result.unscreenable)

    many = _archive(tmp_path, "7zip", {f"{i}.txt": b"x" for i in range(11)})
    result = screen(many, "材料.7z", limits=Limits(members=10))
    assert "文件过多" in result.unscreenable[-1].reason
