"""An ID number in a Word comment (word/comments.xml) is found and masked."""

from __future__ import annotations

import docx

from xxgk.screening import mask_file, scan_file

from .officeparts import ID, parts_holding


def _doc(path):
    d = docx.Document()
    p = d.add_paragraph("拟录取名单见附件。")
    d.add_comment(p.runs[0], text=f"核对一下：{ID}", author="招生办")
    d.save(path)
    return path


def test_id_in_comment(tmp_path):
    result = scan_file(_doc(tmp_path / "c.docx"))
    assert [(f.text, f.location) for f in result.findings if f.kind == "id_card"] == [(ID, "comment")]


def test_masked_copy_keeps_no_id(tmp_path):
    out = tmp_path / "m.docx"
    assert mask_file(_doc(tmp_path / "c.docx"), out).written
    assert parts_holding(out, ID) == []
