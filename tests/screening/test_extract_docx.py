"""Word documents: body paragraphs, tables (row by row, with the header row giving each
cell its column), headers and footers."""

from __future__ import annotations

import docx
import pytest

from xxgk.screening import ExtractionError, ScreeningConfig, extract, scan_file

from .documents import EXAM_A, EXAM_B, ID_A, admission_docx


def test_text_of_body_table_header_and_footer(tmp_path):
    path = admission_docx(tmp_path / "名单.docx", header_marking="内部资料 注意保密")
    extracted = extract(path)
    text = extracted.text
    assert extracted.kind == "docx" and extracted.has_text_layer
    assert text.index("内部资料") < text.index("拟录取名单") < text.index(ID_A) < text.index("招生办公室")
    assert f"王小明\t{ID_A}\t{EXAM_A}" in text  # a table row is one line, cells by tab
    assert "13908987766" in text  # runs joined


def test_findings_carry_their_place_in_the_document(tmp_path):
    path = admission_docx(tmp_path / "名单.docx", header_marking="秘密★1年")
    result = scan_file(path)
    by_text = {f.text: f for f in result.findings}
    assert by_text[ID_A].location == "table:1!R2C3"
    assert by_text[EXAM_B].location == "table:1!R3C4"
    assert by_text["王小明"].kind == "person_name"
    assert by_text["秘密★1年"].location == "header"
    assert by_text["13908987766"].kind == "mobile"
    assert by_text["0898-88651234"].location == "footer"
    for f in result.findings:
        assert result.extracted.text[f.start : f.end] == f.text


def test_header_row_gives_column_context(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate(
        [("序号", "姓名", "考生号"), ("1", "林小雨", "23460101150999"), ("2", "高峰", "23460101150888")]
    ):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    path = tmp_path / "t.docx"
    d.save(path)
    result = scan_file(path)
    exam = [f for f in result.findings if f.kind == "exam_number"]
    assert [f.text for f in exam] == ["23460101150999", "23460101150888"]
    assert all(f.confidence >= 0.9 for f in exam)
    # 高峰 is also a common word: the 姓名 column says it is a name here
    assert [f.text for f in result.findings if f.kind == "person_name"] == ["林小雨", "高峰"]


def test_textbox_content_is_read(tmp_path):
    from docx.oxml import parse_xml

    d = docx.Document()
    p = d.add_paragraph("正文")
    ns = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    )
    run = parse_xml(
        f"<w:r {ns}><w:t>框外</w:t><w:pict><wps:txbx><w:txbxContent><w:p><w:r>"
        f"<w:t>手机13907551234</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:pict></w:r>"
    )
    p._p.append(run)
    path = tmp_path / "box.docx"
    d.save(path)
    result = scan_file(path)
    hit = [f for f in result.findings if f.kind == "mobile"]
    assert [f.text for f in hit] == ["13907551234"] and hit[0].location == "textbox"


def test_damaged_docx_names_the_file(tmp_path):
    path = tmp_path / "坏文件.docx"
    path.write_bytes(b"PK\x03\x04 this is not a zip")
    with pytest.raises(ExtractionError) as info:
        extract(path)
    assert "坏文件.docx" in str(info.value)


def test_no_findings_in_a_plain_notice(tmp_path):
    d = docx.Document()
    d.add_paragraph("关于2023年国庆节放假安排的通知")
    d.add_paragraph("索引号：HNTOU-02-2023-0012，发布日期：2023-09-20。10月1日至6日放假调休，共6天。")
    path = tmp_path / "n.docx"
    d.save(path)
    assert scan_file(path, ScreeningConfig()).findings == []
