"""`xxgk scan` fails closed: a file it cannot screen (a .doc, an image, a zip member) exits 2,
naming every such file and why; a zip is opened and its members screened."""

from __future__ import annotations

import io
import json

from xxgk.screening.cli import main

from .archives import declaring, zip_bytes
from .documents import ID_A, admission_list_text

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_an_id_in_a_zip_is_found_and_names_the_member(tmp_path):
    p = tmp_path / "材料.zip"
    p.write_bytes(zip_bytes({"名单.txt": admission_list_text()}))
    code, out, _err = run(p, "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert (f"{p}/名单.txt", ID_A) in {(r["path"], r["text"]) for r in rows}


def test_every_unscreenable_file_is_named_and_exits_2(tmp_path):
    doc = tmp_path / "旧名单.doc"
    doc.write_bytes(OLE)
    z = tmp_path / "材料.zip"
    z.write_bytes(zip_bytes({"名单.txt": admission_list_text(), "照片.png": b"\x89PNG\r\n\x1a\n"}))
    bomb = tmp_path / "炸弹.zip"
    bomb.write_bytes(declaring(zip_bytes({"a.txt": "x"}), 300 * 1024 * 1024))
    code, out, err = run(doc, z, bomb, "--format", "jsonl")
    assert code == 2  # 2 wins over 1, though an ID was found
    assert ID_A in out
    assert f"{doc}" in err and ".doc" in err
    assert f"{z}/照片.png" in err and "图片" in err
    assert f"{bomb}" in err and "过大" in err
    assert "3 个文件无法自动筛查" in err


def test_a_directory_lists_the_documents_it_cannot_read(tmp_path):
    (tmp_path / "说明.txt").write_text("请于月底前报送。", encoding="utf-8")
    (tmp_path / "旧名单.doc").write_bytes(OLE)
    code, _out, err = run(tmp_path)
    assert code == 2 and "旧名单.doc" in err
