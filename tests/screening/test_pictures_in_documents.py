"""A scanned list pasted into a .docx or .xlsx as a picture is read by OCR and screened like an image
attachment; a small logo or a photo without text is no finding and no obstacle."""

import io

import docx
import numpy as np
from docx.shared import Cm
from openpyxl import Workbook
from openpyxl.drawing.image import Image as SheetImage
from PIL import Image

from tests.screening.scans import to_png, typed_list_page
from xxgk import screening
from xxgk.screening import EMBEDDED_PREFIX, needs_ocr, screen


def _docx_with(*pictures: bytes) -> bytes:
    d = docx.Document()
    d.add_paragraph("2023年专升本拟录取名单公示（见下图）")
    for picture in pictures:
        d.add_picture(io.BytesIO(picture), width=Cm(15))
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _photo() -> bytes:
    """A picture with no text: smooth colour, big enough to be read."""
    rng = np.random.default_rng(3)
    pixels = (rng.random((300, 400, 3)) * 60 + 120).astype("uint8")
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, "PNG")
    return out.getvalue()


def test_ids_in_a_pasted_scan_are_found_and_named_as_a_picture():
    image, people = typed_list_page(dpi=200, rows=3)
    data = _docx_with(to_png(image))
    assert needs_ocr(data, "名单.docx")
    result = screen(data, "名单.docx")
    ids = {f.text for part in result.parts if part.embedded for f in part.findings if f.kind == "id_card"}
    assert ids == {p[1] for p in people}
    picture = next(p for p in result.parts if p.embedded)
    assert picture.path.startswith(f"名单.docx/{EMBEDDED_PREFIX}word/media/")
    assert not result.is_archive and result.unscreenable == []


def test_a_photo_without_text_is_no_finding_and_not_unscreenable():
    result = screen(_docx_with(_photo()), "新闻.docx")
    assert result.unscreenable == [] and not [f for p in result.parts for f in p.findings if p.embedded]


def test_a_small_logo_is_not_read():
    logo = Image.new("RGB", (40, 40), "red")
    out = io.BytesIO()
    logo.save(out, "PNG")
    data = _docx_with(out.getvalue())
    assert not needs_ocr(data, "通知.docx")
    assert [p for p in screen(data, "通知.docx").parts if p.embedded] == []


def test_a_picture_in_a_workbook_is_read_too(tmp_path):
    image, people = typed_list_page(dpi=200, rows=2, seed=4)
    png = tmp_path / "list.png"
    png.write_bytes(to_png(image))
    wb = Workbook()
    wb.active["A1"] = "名单见图"
    wb.active.add_image(SheetImage(str(png)), "A3")
    out = io.BytesIO()
    wb.save(out)
    result = screening.screen(out.getvalue(), "名单.xlsx")
    found = {f.text for p in result.parts if p.embedded for f in p.findings if f.kind == "id_card"}
    assert found == {p[1] for p in people}


def test_scan_mask_says_the_pictures_were_not_masked(tmp_path, capsys):
    from xxgk.cli import main

    image, _people = typed_list_page(dpi=200, rows=2)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "名单.docx").write_bytes(_docx_with(to_png(image)))
    code = main(["scan", str(tmp_path / "in"), "--mask", str(tmp_path / "out")])
    assert code == 2  # not clean: the masked copy still holds the picture
    assert "嵌入图片中的个人信息未屏蔽" in capsys.readouterr().err
