"""Word 97-2003 (.doc), Excel 97-2003 (.xls) and PowerPoint 97-2003 (.ppt) files are converted by
LibreOffice and screened: the ID numbers in them are found, where a person can find them again."""

from __future__ import annotations

import pytest

from xxgk.screening import screen
from xxgk.screening.masking_files import write_masked

from .documents import ID_A, ID_B, admission_docx, aid_xlsx
from .legacy import needs_soffice, save_as
from .slides import pptx_bytes

pytestmark = needs_soffice


@pytest.fixture(scope="module")
def legacy_files(tmp_path_factory):
    """One .doc, .xls and .ppt, each saved once by LibreOffice for the whole module."""
    folder = tmp_path_factory.mktemp("legacy")
    ppt_src = folder / "汇报.pptx"
    ppt_src.write_bytes(
        pptx_bytes([{"text": ["2024年资助工作汇报"], "table": [["姓名", "身份证号"], ["王小明", ID_A]]},
                    {"text": ["下一步工作"], "notes": [f"李静怡 身份证号 {ID_B}"]}])
    )  # fmt: skip
    return {
        "doc": save_as(admission_docx(folder / "名单.docx"), "doc"),
        "xls": save_as(aid_xlsx(folder / "助学金.xlsx"), "xls"),
        "ppt": save_as(ppt_src, "ppt"),
    }


def _ids(result):
    return sorted((f.text, f.location) for p in result.parts for f in p.findings if f.kind == "id_card")


def test_a_doc_with_id_numbers_is_screened(legacy_files):
    result = screen(legacy_files["doc"], "名单.doc")
    assert result.unscreenable == []
    assert _ids(result) == sorted([(ID_A, "table:1!R2C3"), (ID_B, "table:1!R3C3")])
    assert "已用 LibreOffice 转换为 .docx 后筛查" in result.parts[0].extracted.warnings[-1]


def test_a_doc_is_recognised_by_its_content_whatever_its_name(legacy_files):
    result = screen(legacy_files["doc"], "名单.txt")
    assert [f for f, _ in _ids(result)] == sorted([ID_A, ID_B])


def test_an_xls_with_id_numbers_is_screened(legacy_files):
    result = screen(legacy_files["xls"], "助学金.xls")
    assert result.unscreenable == []
    assert _ids(result) == [(ID_A, "sheet:助学金名单!D3"), (ID_B, "sheet:助学金名单!D4")]


def test_a_ppt_with_id_numbers_in_a_table_and_in_the_notes_is_screened(legacy_files):
    result = screen(legacy_files["ppt"], "汇报.ppt")
    assert result.unscreenable == []
    assert _ids(result) == [(ID_A, "第1张幻灯片（表格1 第2行第2列）"), (ID_B, "第2张幻灯片（备注）")]


def test_the_masked_copy_of_a_doc_is_a_docx_never_a_doc(legacy_files, tmp_path):
    source = tmp_path / "名单.doc"
    source.write_bytes(legacy_files["doc"])
    part = screen(legacy_files["doc"], "名单.doc").parts[0]

    refused = write_masked(part.extracted, part.findings, source, tmp_path / "out" / "名单.doc")
    assert not refused.written and not (tmp_path / "out" / "名单.doc").exists()
    assert "另存为 .docx" in refused.warnings[-1]

    part = screen(legacy_files["doc"], "名单.doc").parts[0]
    report = write_masked(part.extracted, part.findings, source, tmp_path / "out" / "名单.docx")
    assert report.written
    again = screen((tmp_path / "out" / "名单.docx").read_bytes(), "名单.docx")
    assert _ids(again) == [] and "4601**********" in again.parts[0].extracted.text
