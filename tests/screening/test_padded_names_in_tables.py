"""Names padded with a full-width space to line up in a list ("张　三" beside "王小明"; "欧阳　娜娜")
are found in Word and Excel table cells as the whole name, spaces and all, and masked as such: the
extracted text stays the document's own (masking maps it back character by character), so the cell is
read as one name rather than cut at the space."""

from __future__ import annotations

import io

import docx
from openpyxl import Workbook

from xxgk.screening import extract, scan_extracted, screen
from xxgk.screening.masking_files import write_masked

from .documents import ID_A, ID_B

PADDED = ["张\u3000三", "李\u3000\u3000四", "欧阳\u3000娜娜", "王小明"]


def _docx(rows: list[list[str]]) -> bytes:
    d = docx.Document()
    d.add_paragraph("2023年国家助学金获得者名单")
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _names(data: bytes, name: str) -> set[str]:
    result = screen(data, name)
    return {f.text for p in result.parts for f in p.findings if f.kind == "person_name"}


def test_padded_names_in_a_docx_name_column():
    rows = [["序号", "姓名", "学院"]] + [[str(i + 1), n, "海洋学院"] for i, n in enumerate(PADDED)]
    assert _names(_docx(rows), "名单.docx") == set(PADDED)


def test_padded_names_in_an_xlsx_name_column():
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", "学院"])
    for i, n in enumerate(PADDED):
        ws.append([i + 1, n, "海洋学院"])
    out = io.BytesIO()
    wb.save(out)
    assert _names(out.getvalue(), "名单.xlsx") == set(PADDED)


def test_a_padded_name_beside_an_id_number_without_a_name_header():
    rows = [["序号", "学生", "证件号码"], ["1", "张\u3000三", ID_A], ["2", "欧阳\u3000娜娜", ID_B]]
    assert _names(_docx(rows), "名单.docx") >= {"张\u3000三", "欧阳\u3000娜娜"}


def test_the_masked_copy_keeps_no_given_name(tmp_path):
    rows = [["序号", "姓名", "学院"]] + [[str(i + 1), n, "海洋学院"] for i, n in enumerate(PADDED)]
    source = tmp_path / "名单.docx"
    source.write_bytes(_docx(rows))
    extracted = extract(source)
    report = write_masked(extracted, scan_extracted(extracted), source, tmp_path / "out.docx")
    assert report.written
    cells = [row.cells[1].text for row in docx.Document(str(tmp_path / "out.docx")).tables[0].rows[1:]]
    assert cells == ["张\u3000*", "李\u3000\u3000*", "欧*\u3000*娜", "王*明"]  # the name style: 张*, 欧**娜
