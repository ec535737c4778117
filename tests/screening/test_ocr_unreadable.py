"""Fail closed: an image or a scanned page that OCR cannot read with confidence stays
unscreenable, naming the page; a blank image too (a person looks at a picture with no text)."""

from __future__ import annotations

import random

from PIL import Image, ImageDraw

from xxgk.screening import screen
from xxgk.screening.ocr import OcrLine, OcrPage

from .scans import scanned_pdf, to_png, typed_list_page


def _scribbles(seed: int = 1) -> Image.Image:
    """Ink all over, and no text: strokes such as a signature or a photo leave."""
    rng = random.Random(seed)
    image = Image.new("RGB", (1200, 800), "white")
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        points = [(rng.randint(0, 1200), rng.randint(0, 800)) for _ in range(4)]
        draw.line(points, fill=(0, 0, 0), width=rng.randint(6, 30))
    return image


def test_a_blank_image_is_unscreenable():
    result = screen(to_png(Image.new("RGB", (800, 600), "white")), "空白.png")
    assert [u.reason for u in result.unscreenable] == ["图片未识别出文字，无法自动筛查，需人工审看"]


def test_an_image_with_ink_but_no_text_is_unscreenable():
    result = screen(to_png(_scribbles()), "签名.png")
    assert len(result.unscreenable) == 1
    assert result.unscreenable[0].reason.startswith("图片")
    assert "无法自动筛查" in result.unscreenable[0].reason


def test_an_unreadable_scanned_page_is_named():
    readable, _people = typed_list_page(dpi=200, rows=2)
    result = screen(scanned_pdf([readable, _scribbles(2)]), "材料.pdf")
    (problem,) = result.unscreenable
    assert problem.reason.startswith("第2页没有文字层（扫描页），") and problem.reason.endswith(
        "无法自动筛查，需人工审看"
    )
    assert result.parts[0].findings  # page 1 was still screened


def test_low_confidence_is_not_trusted():
    page = OcrPage(100, 100, [OcrLine("4601O12OO2", ((0, 0), (90, 0), (90, 20), (0, 20)), 0.55)], ink=0.05)
    assert "置信度低" in page.unreadable()
    page.lines = [OcrLine("公示名单", ((0, 0), (90, 0), (90, 20), (0, 20)), 0.97)]
    assert page.unreadable() is None
