"""A seal or a table rule can cut one value into two OCR boxes that overlap and share a few
characters ("46010020020424" + "240733"): the repeat is left out, so the value is whole, and
the masking box of each piece still points at its own pixels."""

from __future__ import annotations

from xxgk.screening import scan_extracted
from xxgk.screening.document import Extracted
from xxgk.screening.extractors.image import OcrRef, OcrText
from xxgk.screening.ocr import OcrLine, OcrPage

from .documents import make_id


def _line(text, x0, x1, y=100, h=24):
    return OcrLine(text, ((x0, y), (x1, y), (x1, y + h), (x0, y + h)), 0.99)


def _text(*lines) -> Extracted:
    out = OcrText()
    out.add_page(0, OcrPage(1000, 300, list(lines), ink=0.05))
    return Extracted("".join(out.chunks), "image", segments=out.segments)


def test_overlapping_pieces_are_joined_without_the_repeat():
    number = make_id("460100", "20020424", "073")
    assert number[12:14] == "24"
    # 11 px a digit; the second box starts one digit before the first ends
    extracted = _text(_line(number[:14], 332, 500), _line(number[12:], 489, 556))
    assert extracted.text.strip() == number
    (finding,) = [f for f in scan_extracted(extracted) if f.kind == "id_card"]
    first, second = extracted.segments
    assert isinstance(second.ref, OcrRef) and second.ref.skip == 2
    # the piece's own characters: the box of the last four digits sits in the second box
    x0, _y0, x1, _y1 = second.ref.box(len(number) - 14 - 4, len(number) - 14)
    assert 489 + 2 * 11 <= x0 < x1 <= 557
    assert finding.end - finding.start == len(number)


def test_pieces_that_stand_apart_keep_their_characters():
    extracted = _text(_line("序号1212", 100, 220), _line("1212", 300, 350))
    assert extracted.text.strip() == "序号1212\t1212"
    extracted = _text(_line("1390898", 100, 180), _line("1212", 183, 230))
    assert extracted.text.strip() == "1390898 1212"
