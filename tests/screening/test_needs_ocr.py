"""`needs_ocr` tells, without rendering anything, which files OCR would have to read: images and
PDFs with a scanned page (such files are screened outside a web request)."""

import io
import zipfile

from tests.screening.documents import admission_pdf_lines, pdf_bytes
from tests.screening.scans import Sheet, scanned_pdf, to_png
from xxgk.screening import needs_ocr


def _page():
    sheet = Sheet(dpi=100, size_mm=(210, 60))
    sheet.title("拟录取名单公示", size=16)
    return sheet.image


def test_images_and_scanned_pdfs_need_ocr():
    assert needs_ocr(to_png(_page()), "名单.png")
    assert needs_ocr(scanned_pdf([_page()]), "名单.pdf")
    assert needs_ocr(scanned_pdf([None, _page()], {0: ["第一页是文字"]}), "名单.pdf")  # partly scanned


def test_text_pdfs_and_other_files_do_not():
    assert not needs_ocr(pdf_bytes(admission_pdf_lines()), "名单.pdf")
    assert not needs_ocr("姓名 身份证号".encode(), "名单.txt")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("a.txt", "x")
    assert not needs_ocr(buffer.getvalue(), "材料.zip")
    assert needs_ocr(b"not a pdf at all", "坏.pdf") is False  # unreadable: fails closed quickly, no OCR
