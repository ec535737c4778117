"""OCR: a typed list scanned at 200 dpi, turned 1.5°, noisy, with a red seal over the end of
its rows: every ID number and mobile is found, each mapped back to the pixels that show it."""

from __future__ import annotations

from xxgk.screening import ScreeningConfig, extract, scan_extracted, screen
from xxgk.screening.extractors.image import OcrRef

from .scans import to_jpeg, typed_list_page


def test_ids_and_mobiles_on_a_scanned_list_are_found():
    image, people = typed_list_page(dpi=200, rotate=1.5)
    extracted = extract(to_jpeg(image), "名单.jpg")
    assert extracted.kind == "image" and extracted.unscreened == []
    findings = scan_extracted(extracted, ScreeningConfig())
    assert {f.text for f in findings if f.kind == "id_card"} == {p[1] for p in people}
    assert {f.text for f in findings if f.kind == "mobile"} == {p[2] for p in people}
    # each row of the list is one line of text, its cells apart
    for name, id_number, mobile in people:
        assert any(name in ln and id_number in ln and mobile in ln for ln in extracted.text.splitlines())


def test_a_finding_maps_back_to_its_pixels():
    image, people = typed_list_page(dpi=200, rotate=-1.0, seed=4)
    extracted = extract(to_jpeg(image), "名单.jpg")
    findings = [f for f in scan_extracted(extracted) if f.kind == "id_card"]
    boxes = []
    for f in findings:
        (seg,) = [s for s in extracted.segments_between(f.start, f.end)]
        assert isinstance(seg.ref, OcrRef) and seg.location == "page:1"
        x0, y0, x1, y1 = seg.ref.box(f.start - seg.start, f.end - seg.start)
        assert 0 <= x0 < x1 <= image.width and 0 <= y0 < y1 <= image.height
        boxes.append((y0, x0))
    # the rows come down the page in order, in the ID column (42 mm from a 22 mm margin)
    assert [f.text for _, f in sorted(zip(boxes, findings))] == [p[1] for p in people]
    column = round(64 / 25.4 * 200)
    assert all(abs(x0 - column) < 60 for _, x0 in boxes)


def test_a_png_is_screened_like_any_file():
    from .scans import to_png

    image, people = typed_list_page(dpi=200, rows=3, seed=5)
    result = screen(to_png(image), "名单.png")
    assert result.unscreenable == []
    assert {f.text for f in result.parts[0].findings if f.kind == "id_card"} == {p[1] for p in people}
