"""A zip archive is opened and each member screened as its own file; findings name the member."""

from __future__ import annotations

from xxgk.screening import screen

from .archives import zip_bytes
from .documents import ID_A, admission_list_text


def test_an_id_number_in_a_zipped_list_is_found_and_names_the_member():
    data = zip_bytes({"名单.txt": admission_list_text(), "说明.txt": "请于月底前报送。"})
    result = screen(data, "材料.zip")
    assert not result.unscreenable
    hits = [(p.member, f.text) for p in result.parts for f in p.findings if f.kind == "id_card"]
    assert ("名单.txt", ID_A) in hits
    assert {p.path for p in result.parts} == {"材料.zip/名单.txt", "材料.zip/说明.txt"}


def test_a_zip_inside_a_zip_is_opened_too():
    inner = zip_bytes({"二级学院/名单.txt": admission_list_text()})
    result = screen(zip_bytes({"附件.zip": inner}), "材料.zip")
    found = [p for p in result.parts if any(f.text == ID_A for f in p.findings)]
    assert [p.member for p in found] == ["附件.zip/二级学院/名单.txt"]


def test_a_member_named_in_gbk_keeps_its_chinese_name():
    gbk = "名单.txt".encode("gbk")  # as Windows tools write it: GBK bytes, no UTF-8 flag
    placeholder = b"N" * (len(gbk) - 4) + b".txt"
    data = zip_bytes({placeholder.decode(): admission_list_text()}).replace(placeholder, gbk)
    result = screen(data, "材料.zip")
    assert [p.member for p in result.parts] == ["名单.txt"]


def test_a_member_that_cannot_be_screened_makes_the_archive_unscreenable():
    data = zip_bytes({"名单.txt": admission_list_text(), "旧表.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64})
    result = screen(data, "材料.zip")
    assert [(u.path, u.member) for u in result.unscreenable] == [("材料.zip/旧表.xls", "旧表.xls")]
    assert ".xls" in result.unscreenable[0].reason
    assert any(f.text == ID_A for p in result.parts for f in p.findings)  # the readable member is still screened
