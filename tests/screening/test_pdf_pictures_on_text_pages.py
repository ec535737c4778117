"""A PDF page with typed text and a pasted scan on it (a notice exported from Word with the list as a
picture): the page has a text layer, so it is not read as a scan, but its pictures are read by OCR
and screened each as a part of its own, named 第N页 图片M; a picture OCR cannot read with
confidence is unscreenable, a small logo is not read, and such a PDF needs OCR (background worker)."""

from __future__ import annotations

import io

import pymupdf
from PIL import Image

from xxgk.screening import EMBEDDED_PREFIX, needs_ocr, screen
from xxgk.screening.embedded import MAX_PICTURES

from .scans import to_jpeg, to_png, typed_list_page

NOTICE = [
    "关于2023年专升本拟录取名单的公示",
    "根据有关规定，现将我校2023年专升本拟录取名单予以公示，公示期为五个工作日。",
    "如有异议，请在公示期内向招生办公室书面反映。名单如下：",
]


def _notice_pdf(*pictures: bytes, pages: int = 1, deflate: bool = False) -> bytes:
    """A typed notice on each page, then each picture pasted under the text at the page's width."""
    doc = pymupdf.open()
    for _ in range(pages):
        page = doc.new_page(width=595.28, height=841.89)
        y = 72
        for text in NOTICE:
            page.insert_text((60, y), text, fontname="china-s", fontsize=11)
            y += 20
        for picture in pictures:
            w, h = Image.open(io.BytesIO(picture)).size
            rect = pymupdf.Rect(60, y + 10, 535, y + 10 + 475 * h / w)
            page.insert_image(rect, stream=picture)
            y = rect.y1
    data = doc.tobytes(garbage=3, deflate=deflate)
    doc.close()
    return data


def _bilevel(image: Image.Image) -> bytes:
    """The scan as a 1-bit picture (what scanners of black-and-white lists write: a few KB)."""
    out = io.BytesIO()
    image.convert("L").point(lambda v: 255 if v > 150 else 0).convert("1").save(out, "PNG")
    return out.getvalue()


def _picture_ids(result) -> set[str]:
    return {f.text for p in result.parts if p.embedded for f in p.findings if f.kind == "id_card"}


def test_ids_in_a_picture_on_a_typed_page_are_found_and_named():
    image, people = typed_list_page(dpi=200, rows=3)
    data = _notice_pdf(to_jpeg(image))
    assert needs_ocr(data, "公示.pdf")
    result = screen(data, "公示.pdf")
    assert _picture_ids(result) == {p[1] for p in people}
    picture = next(p for p in result.parts if p.embedded)
    assert picture.path == f"公示.pdf/{EMBEDDED_PREFIX}第1页 图片1"
    assert picture.member == f"{EMBEDDED_PREFIX}第1页 图片1"
    assert "公示期为五个工作日" in result.parts[0].extracted.text  # the text layer is read as before
    assert result.unscreenable == [] and not result.is_archive


def test_a_small_bilevel_scan_is_read_too():
    image, people = typed_list_page(dpi=200, rows=2, seed=5)
    data = _notice_pdf(_bilevel(image), deflate=True)
    assert len(data) < 40_000  # the picture's stream is under the 12 KB rule for coloured pictures
    assert needs_ocr(data, "公示.pdf")
    assert _picture_ids(screen(data, "公示.pdf")) == {p[1] for p in people}


def test_the_same_picture_on_every_page_is_read_once():
    image, people = typed_list_page(dpi=200, rows=2, seed=6)
    result = screen(_notice_pdf(to_jpeg(image), pages=3), "公示.pdf")
    assert [p.member for p in result.parts if p.embedded] == [f"{EMBEDDED_PREFIX}第1页 图片1"]
    assert _picture_ids(result) == {p[1] for p in people}


def test_low_confidence_text_in_a_picture_is_unscreenable(monkeypatch):
    from xxgk.screening import ocr
    from xxgk.screening.ocr import OcrLine, OcrPage

    image, _people = typed_list_page(dpi=200, rows=2, seed=7)

    def unsure(img, engine_name=None):
        line = OcrLine("4601O12OO2", ((0, 0), (300, 0), (300, 40), (0, 40)), 0.5)
        return OcrPage(img.width, img.height, [line], ink=0.05, engine="stub")

    monkeypatch.setattr("xxgk.screening.extractors.image.read_image", unsure)
    assert ocr.MIN_CONFIDENCE > 0.5
    result = screen(_notice_pdf(to_jpeg(image)), "公示.pdf")
    (problem,) = result.unscreenable
    assert problem.member == f"{EMBEDDED_PREFIX}第1页 图片1" and "置信度低" in problem.reason


def test_a_small_logo_is_not_read():
    logo = Image.new("RGB", (60, 60), "red")
    data = _notice_pdf(to_png(logo))
    assert not needs_ocr(data, "通知.pdf")
    result = screen(data, "通知.pdf")
    assert [p for p in result.parts if p.embedded] == [] and result.unscreenable == []


def test_more_pictures_than_ocr_reads_make_the_file_unscreenable():
    import numpy as np

    rng = np.random.default_rng(1)
    pictures = []
    for _ in range(MAX_PICTURES + 1):  # distinct pictures of 12 KB or more
        pixels = (rng.random((90, 90, 3)) * 255).astype("uint8")
        out = io.BytesIO()
        Image.fromarray(pixels).save(out, "PNG")
        pictures.append(out.getvalue())
    doc = pymupdf.open()
    for picture in pictures:
        page = doc.new_page()
        page.insert_text((60, 72), NOTICE[1], fontname="china-s", fontsize=11)
        page.insert_image(pymupdf.Rect(60, 100, 150, 190), stream=picture)
    result = screen(doc.tobytes(), "图集.pdf")
    assert [u.reason for u in result.unscreenable if u.member is None] == [
        f"文档中有 {MAX_PICTURES + 1} 张图片，超过文字识别的上限 {MAX_PICTURES} 张，无法自动筛查，需人工审看"
    ]
    assert [p for p in result.parts if p.embedded] == []


def _stencil_pdf(image: Image.Image, *, inline: bool) -> bytes:
    """A typed page with the list drawn as a 1-bit stencil mask (ink where it paints): an image
    object of its own, or inline in the page's content (BI … ID … EI)."""
    import binascii
    import zlib

    bw = image.convert("L").point(lambda v: 255 if v > 150 else 0).convert("1")
    w, h = bw.size
    raw = zlib.compress(bw.tobytes())
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 72), NOTICE[1], fontname="china-s", fontsize=11)
    place = f"q 475 0 0 {475 * h / w:.2f} 60 400 cm"
    if inline:
        data = binascii.hexlify(raw).decode() + ">"
        content = f"{place} BI /W {w} /H {h} /IM true /BPC 1 /F [/AHx /Fl] ID\n{data}\nEI Q\n"
    else:
        xref = doc.get_new_xref()
        doc.update_object(
            xref, f"<</Type/XObject/Subtype/Image/Width {w}/Height {h}/ImageMask true/BitsPerComponent 1>>"
        )
        doc.update_stream(xref, raw, compress=False)
        doc.xref_set_key(xref, "Filter", "/FlateDecode")
        kind, value = doc.xref_get_key(page.xref, "Resources")
        if kind == "xref":
            doc.xref_set_key(int(value.split()[0]), "XObject", f"<</Im9 {xref} 0 R>>")
        else:
            doc.xref_set_key(page.xref, "Resources/XObject/Im9", f"{xref} 0 R")
        content = f"{place} /Im9 Do Q\n"
    extra = doc.get_new_xref()
    doc.update_object(extra, "<<>>")
    doc.update_stream(extra, content.encode())
    contents = " ".join(f"{x} 0 R" for x in page.get_contents())
    doc.xref_set_key(page.xref, "Contents", f"[{contents} {extra} 0 R]")
    return doc.tobytes(garbage=3)


def test_a_list_drawn_as_a_stencil_mask_or_inline_is_read_too():
    image, people = typed_list_page(dpi=200, rows=2, seed=9)
    for inline in (False, True):
        data = _stencil_pdf(image, inline=inline)
        assert needs_ocr(data, "公示.pdf")
        result = screen(data, "公示.pdf")
        assert _picture_ids(result) == {p[1] for p in people}, inline
        assert result.unscreenable == []
