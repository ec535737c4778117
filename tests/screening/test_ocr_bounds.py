"""OCR work is bounded per file: more pages to read than `MAX_PAGES`, or an image over
`MAX_PIXELS`, is not read at all but reported unscreenable, with the reason."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from xxgk.screening import screen
from xxgk.screening.extractors import image as image_extractor
from xxgk.screening.extractors import pdf as pdf_extractor
from xxgk.screening.ocr import MAX_PAGES, MAX_PIXELS

from .scans import scanned_pdf


@pytest.fixture
def no_ocr(monkeypatch):
    """OCR must not run: the bound is checked before any page is read."""

    def refuse(*_a, **_k):
        raise AssertionError("OCR ran")

    monkeypatch.setattr(pdf_extractor, "read_image", refuse)
    monkeypatch.setattr(image_extractor, "read_image", refuse)


def test_too_many_scanned_pdf_pages(monkeypatch, no_ocr):
    monkeypatch.setattr(pdf_extractor, "MAX_PAGES", 2)
    pages = [Image.new("RGB", (60, 80), "white") for _ in range(3)]
    result = screen(scanned_pdf(pages), "三页扫描件.pdf")
    (problem,) = result.unscreenable
    assert "有 3 页没有文字层（1、2、3）" in problem.reason and "上限 2 页" in problem.reason


def test_a_tiff_with_too_many_pages(no_ocr):
    frames = [Image.new("1", (16, 16), 1) for _ in range(MAX_PAGES + 1)]
    buf = io.BytesIO()
    frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:])
    result = screen(buf.getvalue(), "多页.tif")
    assert not result.parts
    assert f"共 {MAX_PAGES + 1} 页" in result.unscreenable[0].reason


def test_an_image_with_too_many_pixels(no_ocr):
    side = int(MAX_PIXELS**0.5) + 10
    buf = io.BytesIO()
    Image.new("1", (side, side), 1).save(buf, "PNG")  # a few kilobytes that decode to 40+ megapixels
    assert len(buf.getvalue()) < 100_000
    result = screen(buf.getvalue(), "大图.png")
    assert not result.parts and "图片过大" in result.unscreenable[0].reason
