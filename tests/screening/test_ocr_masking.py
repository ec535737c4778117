"""Masking what OCR found: black boxes over the values' pixels. The copy is read again by OCR
and its raw bytes searched: no value can be recovered. A scanned PDF page with a finding is
replaced by the masked raster; a typed page of the same PDF keeps the text redaction path."""

from __future__ import annotations

import io

import pymupdf
from PIL import Image

from xxgk.screening import extract, mask_file, scan_extracted

from .documents import ID_B
from .scans import scanned_pdf, table_page, to_png, typed_list_page


def _values(findings, kinds=("id_card", "mobile", "bank_card")):
    return {f.text for f in findings if f.kind in kinds}


def _reread(data: bytes, name: str) -> str:
    return extract(data, name).text


def test_a_masked_image_keeps_no_value(tmp_path):
    image, people = typed_list_page(dpi=200, rows=3)
    src = tmp_path / "名单.png"
    src.write_bytes(to_png(image))
    out = tmp_path / "out" / "名单.png"
    report = mask_file(src, out)
    assert report.written and {p[1] for p in people} | {p[2] for p in people} <= _values(report.masked)
    masked = Image.open(out)
    assert masked.format == "PNG" and masked.size == image.size
    text = _reread(out.read_bytes(), "名单.png")
    assert "拟录取名单" in text  # the rest of the page is still there
    for _name, id_number, mobile in people:
        assert id_number not in text and mobile not in text
        assert id_number[-6:] not in text and mobile[-4:] not in text
    assert _values(scan_extracted(extract(out))) == set()


def test_a_masked_jpeg_stays_a_jpeg_without_metadata(tmp_path):
    image, ids, cards, _mobiles = table_page(dpi=200)
    src = tmp_path / "名单.jpg"
    exif = Image.Exif()
    exif[0x010E] = "原件说明"  # ImageDescription
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=85, exif=exif)
    src.write_bytes(buf.getvalue())
    mask_file(src, tmp_path / "o.jpg")
    masked = Image.open(tmp_path / "o.jpg")
    assert masked.format == "JPEG" and not masked.getexif()
    text = _reread((tmp_path / "o.jpg").read_bytes(), "o.jpg")
    assert not any(v in text for v in ids + cards)


def test_a_masked_scanned_pdf_has_no_recoverable_value(tmp_path):
    image, people = typed_list_page(dpi=200, rows=3, seed=3)
    src = tmp_path / "扫描件.pdf"
    src.write_bytes(scanned_pdf([None, image], {0: ["第一页：联系人", f"身份证号 {ID_B}"]}))
    out = tmp_path / "o.pdf"
    report = mask_file(src, out)
    assert report.written
    values = [ID_B] + [p[1] for p in people] + [p[2] for p in people]
    assert set(values) <= _values(report.masked)
    doc = pymupdf.open(out)
    # the typed page: text redacted, the rest of it kept
    assert ID_B not in doc[0].get_text() and "第一页" in doc[0].get_text()
    # the scanned page: no text layer, one image, the masked raster that replaced the scan
    assert doc[1].get_text().strip() == ""
    (img,) = doc[1].get_images(full=True)
    raster = doc.extract_image(img[0])["image"]
    assert Image.open(io.BytesIO(raster)).size == (1654, round(1654 * 297 / 210))
    # no stream in the file holds a value, compressed or not, and nothing else survives
    raw = out.read_bytes()
    streams = [doc.xref_stream(x) or b"" for x in range(1, doc.xref_length()) if doc.xref_is_stream(x)]
    for v in values:
        assert v.encode() not in raw and not any(v.encode() in s for s in streams)
    images = [x for x in range(1, doc.xref_length()) if doc.xref_get_key(x, "Subtype")[1] == "/Image"]
    assert len(images) == 1
    # read again, by OCR: the values are gone
    text = _reread(raster, "page.jpg") + extract(out).text
    assert not any(v in text for v in values)
    assert _values(scan_extracted(extract(out))) == set()
