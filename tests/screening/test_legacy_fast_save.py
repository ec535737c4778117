"""A .doc saved with Word's "fast save" (FIB fComplex): edits are appended as new text pieces and the
piece table puts them in order, while the text they replaced stays in the file where no piece points
to it. LibreOffice follows the piece table, so the visible text is screened; but the deleted text is
still in the file that would be published, readable with any hex viewer: the file is unscreenable
(a person saves it again without fast save, or as .docx)."""

from __future__ import annotations

import io

import docx
import olefile
import pytest

from xxgk.screening import screen

from .documents import ID_A, ID_B
from .legacy import fast_saved, needs_soffice, save_as

pytestmark = needs_soffice

FAST_SAVE = "快速保存"


@pytest.fixture(scope="module")
def plain_doc(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fastsave")
    d = docx.Document()
    d.add_paragraph("关于2023年专升本拟录取名单的公示")
    d.add_paragraph(f"联系人身份证号 {ID_A}")
    d.add_paragraph("公示期为五个工作日。")
    d.save(folder / "公示.docx")
    return save_as(folder / "公示.docx", "doc")


def _ids(result):
    return {f.text for p in result.parts for f in p.findings if f.kind == "id_card"}


def test_a_plain_doc_is_screenable(plain_doc):
    result = screen(plain_doc, "公示.doc")
    assert result.unscreenable == [] and _ids(result) == {ID_A}


def test_the_pieces_are_read_in_order_and_the_deleted_text_makes_it_unscreenable(plain_doc):
    data = fast_saved(plain_doc, "联系人", f"旧稿：身份证号 {ID_B}")
    assert ID_B.encode("utf-16-le") in data  # the deleted text is still in the file
    result = screen(data, "公示.doc")
    text = result.parts[0].extracted.text
    assert text.index("公示") < text.index(ID_A) < text.index("公示期为五个工作日")  # piece order kept
    assert ID_B not in text  # what LibreOffice shows: the deleted text is not seen
    assert _ids(result) == {ID_A}
    (problem,) = result.unscreenable
    assert FAST_SAVE in problem.reason and "无法自动筛查" in problem.reason


def test_the_fast_save_flag_alone_makes_it_unscreenable(plain_doc):
    ole = olefile.OleFileIO(io.BytesIO(plain_doc), write_mode=True)
    word = bytearray(ole.openstream("WordDocument").read())
    word[0x0A] |= 0x04  # FibBase.fComplex
    ole.write_stream("WordDocument", bytes(word))
    data = ole.fp.getvalue()
    result = screen(data, "公示.doc")
    assert [u for u in result.unscreenable if FAST_SAVE in u.reason]
    assert _ids(result) == {ID_A}  # the visible text is still screened
