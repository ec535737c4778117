"""A scan pasted into a legacy Word, Excel or PowerPoint file (.doc/.xls/.ppt) is read by OCR like one in a
.docx: LibreOffice's conversion keeps the pictures, and each is screened as a part of its own, named
after its place in the converted package (嵌入图片 word/media/…); nothing in it can be masked in the
legacy file (no masked copy is ever written in a legacy format)."""

from __future__ import annotations

import io

import docx
import pytest
from docx.shared import Cm

from xxgk.screening import EMBEDDED_PREFIX, screen

from .legacy import needs_soffice, save_as
from .scans import to_png, typed_list_page

pytestmark = needs_soffice


@pytest.fixture(scope="module")
def scan_in_a_doc(tmp_path_factory):
    image, people = typed_list_page(dpi=200, rows=2, seed=11)
    d = docx.Document()
    d.add_paragraph("2023年专升本拟录取名单公示（见下图）")
    d.add_picture(io.BytesIO(to_png(image)), width=Cm(15))
    src = tmp_path_factory.mktemp("legacy-pictures") / "名单.docx"
    d.save(src)
    return save_as(src, "doc"), people


def test_ids_in_a_scan_pasted_into_a_doc_are_found(scan_in_a_doc):
    data, people = scan_in_a_doc
    result = screen(data, "名单.doc")
    pictures = [p for p in result.parts if p.embedded]
    assert pictures and all(p.member.startswith(f"{EMBEDDED_PREFIX}word/media/") for p in pictures)
    ids = {f.text for p in pictures for f in p.findings if f.kind == "id_card"}
    assert ids == {p[1] for p in people}
    assert result.unscreenable == [] and not result.is_archive
