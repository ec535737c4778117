"""A masked value still in a part the masker does not rewrite (here the document title in
docProps/core.xml): no copy is written, and the report says where, without the value."""

from __future__ import annotations

import docx

from xxgk.screening import mask_file

from .officeparts import ID


def test_value_left_in_metadata_blocks_the_copy(tmp_path):
    d = docx.Document()
    d.add_paragraph(f"身份证号 {ID}")
    d.core_properties.title = ID
    src = tmp_path / "p.docx"
    d.save(src)
    out = tmp_path / "m.docx"
    report = mask_file(src, out)
    assert not report.written and not out.exists()
    assert any("docProps/core.xml" in w and "无法自动屏蔽" in w for w in report.warnings)
    assert not any(ID in w for w in report.warnings)
