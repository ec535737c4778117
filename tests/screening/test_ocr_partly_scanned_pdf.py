"""A PDF with typed pages and a scanned page between them: the scanned page is read by OCR
and its text merged in page order; a wholly scanned PDF goes the same way."""

from __future__ import annotations

from xxgk.screening import extract, scan_extracted, screen

from .documents import ID_A
from .scans import scanned_pdf, typed_list_page


def test_the_scanned_page_is_read_in_page_order():
    image, people = typed_list_page(dpi=200, rows=3)
    data = scanned_pdf(
        [None, image, None],
        {0: ["第一页：关于公示的说明", f"联系人身份证号 {ID_A}"], 2: ["第三页：附件说明，无个人信息。"]},
    )
    extracted = extract(data, "公示.pdf")
    assert extracted.unscreened == [] and extracted.has_text_layer
    text = extracted.text
    assert text.index("第一页") < text.index(people[0][1]) < text.index("第三页")
    findings = scan_extracted(extracted)
    ids = {(f.text, f.location) for f in findings if f.kind == "id_card"}
    assert (ID_A, "page:1") in ids
    assert {(p[1], "page:2") for p in people} <= ids
    assert any("第2页没有文字层" in w and "OCR" in w for w in extracted.warnings)


def test_a_wholly_scanned_pdf_is_screened():
    image, people = typed_list_page(dpi=200, rows=3, seed=7)
    result = screen(scanned_pdf([image]), "扫描件.pdf")
    assert result.unscreenable == []
    assert {f.text for f in result.parts[0].findings if f.kind == "mobile"} == {p[2] for p in people}


def test_a_blank_page_is_nothing_to_screen():
    result = screen(scanned_pdf([None, None], {0: ["只有第一页有字。"]}), "两页.pdf")
    assert result.unscreenable == [] and result.parts[0].findings == []


def test_a_scan_with_a_page_number_on_it_is_read_too():
    import pymupdf

    from .scans import to_jpeg

    image, people = typed_list_page(dpi=200, rows=3, seed=8)
    doc = pymupdf.open()
    page = doc.new_page(width=595.28, height=595.28 * image.height / image.width)
    page.insert_image(page.rect, stream=to_jpeg(image))
    page.insert_text((280, page.rect.height - 10), "第 1 页", fontname="china-s", fontsize=9)
    result = screen(doc.tobytes(), "加了页码的扫描件.pdf")
    assert result.unscreenable == []
    assert "第 1 页" in result.parts[0].extracted.text
    assert {f.text for f in result.parts[0].findings if f.kind == "id_card"} == {p[1] for p in people}
