"""Tracked changes: inserted text is read with the paragraph; deleted text, still kept in
the file, is read too (after everything else) and masked."""

from __future__ import annotations

import docx

from xxgk.screening import extract, mask_file, scan_file

from .officeparts import ID, MOBILE, add_to_body, parts_holding


def _doc(path):
    d = docx.Document()
    d.add_paragraph("正文")
    d.save(path)
    return add_to_body(
        path,
        '<w:p><w:r><w:t>电话：</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>'
        f'{MOBILE}</w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>身份证 {ID}'
        "</w:delText></w:r></w:del></w:p>",
    )


def test_insertion_and_deletion_found(tmp_path):
    path = _doc(tmp_path / "r.docx")
    assert extract(path).text.startswith("正文\n电话：" + MOBILE + "\n")
    got = {(f.kind, f.text, f.location) for f in scan_file(path).findings}
    assert ("mobile", MOBILE, "body") in got
    assert ("id_card", ID, "body（修订删除的文字）") in got


def test_masked_copy_keeps_neither(tmp_path):
    out = tmp_path / "m.docx"
    assert mask_file(_doc(tmp_path / "r.docx"), out).written
    assert parts_holding(out, ID) == [] and parts_holding(out, MOBILE) == []
