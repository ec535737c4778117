"""A zip bomb is refused from its headers, without inflating it; sizes are counted while reading too."""

from __future__ import annotations

import zipfile

import pytest

from xxgk.screening import Limits, screen

from .archives import declaring, zip_bytes


@pytest.fixture
def no_inflating(monkeypatch):
    real_open = zipfile.ZipFile.open

    def refuse(self, name, mode="r", *args, **kwargs):
        if mode == "r":
            raise AssertionError("a member was inflated")
        return real_open(self, name, mode, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)


def test_a_zip_declaring_more_than_the_limit_is_refused_unread(no_inflating):
    data = declaring(zip_bytes({"a.txt": "正常文字", "b.txt": "正常文字"}), 150 * 1024 * 1024)  # 300 MB together
    result = screen(data, "材料.zip")
    assert not result.parts
    assert [u.path for u in result.unscreenable] == ["材料.zip"]
    assert "过大" in result.unscreenable[0].reason and "200 MB" in result.unscreenable[0].reason


def test_a_real_bomb_is_stopped(no_inflating):
    data = zip_bytes({"zeros.txt": b"0" * 5_000_000})
    assert len(data) < 20_000
    result = screen(data, "材料.zip", limits=Limits(total_bytes=1_000_000))
    assert not result.parts and "过大" in result.unscreenable[0].reason


def test_a_nested_bomb_counts_against_the_same_budget():
    inner = zip_bytes({"zeros.txt": b"0" * 600_000})
    data = zip_bytes({"一.zip": inner, "二.zip": inner})
    result = screen(data, "材料.zip", limits=Limits(total_bytes=1_000_000))
    assert any("过大" in u.reason and u.member == "二.zip" for u in result.unscreenable)


def test_too_many_members_and_too_deep():
    many = zip_bytes({f"{i}.txt": "x" for i in range(11)})
    result = screen(many, "材料.zip", limits=Limits(members=10))
    assert not result.parts and "文件过多" in result.unscreenable[0].reason

    deep = zip_bytes({"a.txt": "x"})
    for level in range(3):
        deep = zip_bytes({f"{level}.zip": deep})
    result = screen(deep, "材料.zip")  # 材料.zip/2.zip/1.zip/0.zip: four levels
    assert [u.member for u in result.unscreenable] == ["2.zip/1.zip/0.zip"]
    assert "嵌套" in result.unscreenable[0].reason
