"""Masked copies: re-scanning them finds nothing; formatting stays; in a PDF the text
under the black box is gone."""

from __future__ import annotations

import docx
import openpyxl
import pymupdf

from xxgk.screening import ScreeningConfig, mask_file, scan_file

from .documents import (
    CARD,
    EXAM_A,
    ID_A,
    ID_B,
    admission_docx,
    admission_list_text,
    admission_pdf_lines,
    aid_xlsx,
    pdf_bytes,
    scanned_pdf_bytes,
)


def test_docx_round_trip_keeps_formatting(tmp_path):
    src = admission_docx(tmp_path / "名单.docx")
    out = tmp_path / "out" / "名单.docx"
    report = mask_file(src, out)
    assert report.written and report.masked
    assert scan_file(out).findings == []
    d = docx.Document(out)
    para = d.paragraphs[1]
    bold = [r for r in para.runs if r.bold]
    assert [r.text for r in bold] == ["139****"]  # the bold run of a number split across runs
    assert para.text.startswith("如有疑问请联系王老师，手机：139****7766")
    cells = [c.text for c in d.tables[0].rows[1].cells]
    assert cells == [
        "1",
        "王*明",
        f"{ID_A[:4]}**********{ID_A[-4:]}",
        f"{EXAM_A[:3]}********{EXAM_A[-3:]}",
        "船舶与海洋工程",
    ]
    assert d.sections[0].footer.paragraphs[0].text == "招生办公室 电话：0898-****1234"
    assert d.styles is not None and d.paragraphs[0].style.name == "Heading 1"


def test_docx_mailto_hyperlink_target_is_cleaned(tmp_path):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    p = d.add_paragraph("来信请寄：")
    r_id = d.part.relate_to("mailto:wangxm2001@qq.com", RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "wangxm2001@qq.com"
    run.append(t)
    link.append(run)
    p._p.append(link)
    src = tmp_path / "l.docx"
    d.save(src)
    out = tmp_path / "m.docx"
    mask_file(src, out)
    import zipfile

    with zipfile.ZipFile(out) as z:
        blob = b"".join(z.read(n) for n in z.namelist() if n.endswith((".xml", ".rels")))
    assert b"wangxm2001" not in blob


def test_xlsx_round_trip_keeps_styles(tmp_path):
    src = aid_xlsx(tmp_path / "aid.xlsx")
    out = tmp_path / "out.xlsx"
    mask_file(src, out)
    assert scan_file(out).findings == []
    ws = openpyxl.load_workbook(out)["助学金名单"]
    assert ws["B3"].value == "刘*燕"
    assert ws["B3"].font.bold and ws["B3"].font.color.rgb.endswith("FF0000")
    assert ws["D3"].value == f"{ID_A[:4]}**********{ID_A[-4:]}"
    assert ws["E3"].value == "139****1234"
    assert ws["G3"].value == f"{CARD[:4]}{'*' * 11}{CARD[-4:]}"
    budget = openpyxl.load_workbook(out)["预算"]
    assert budget["B2"].value == 13512345678  # amounts untouched


def test_pdf_redaction_removes_the_text(tmp_path):
    src = tmp_path / "名单.pdf"
    src.write_bytes(pdf_bytes(admission_pdf_lines()))
    out = tmp_path / "masked.pdf"
    report = mask_file(src, out)
    assert report.written
    with pymupdf.open(out) as doc:
        text = doc[0].get_text()
        assert ID_A not in text and ID_B not in text and EXAM_A not in text and "王小明" not in text
        assert "第二学士学位拟录取名单" in text and "序号" in text  # the rest is still there
        assert doc[0].first_annot is None  # redactions applied, not just annotations
    assert ID_A.encode() not in out.read_bytes()
    assert scan_file(out).findings == []


def test_pdf_without_findings_is_copied_and_scans_are_not_written(tmp_path):
    clean = tmp_path / "c.pdf"
    clean.write_bytes(pdf_bytes(["关于国庆节放假安排的通知", "10月1日至6日放假调休，共6天。"]))
    report = mask_file(clean, tmp_path / "o" / "c.pdf")
    assert report.written and (tmp_path / "o" / "c.pdf").read_bytes() == clean.read_bytes()
    scan = tmp_path / "s.pdf"
    scan.write_bytes(scanned_pdf_bytes())
    report = mask_file(scan, tmp_path / "o" / "s.pdf")
    assert not report.written and not (tmp_path / "o" / "s.pdf").exists()


def test_txt_round_trip_in_its_own_encoding(tmp_path):
    src = tmp_path / "gbk.txt"
    src.write_bytes(admission_list_text().encode("gbk"))
    out = tmp_path / "out.txt"
    mask_file(src, out)
    masked = out.read_bytes().decode("gbk")
    assert ID_A not in masked and "王*明" in masked
    assert len(masked) == len(admission_list_text())
    assert scan_file(out).findings == []


def test_utf8_bom_is_kept(tmp_path):
    src = tmp_path / "bom.txt"
    src.write_bytes(admission_list_text().encode("utf-8-sig"))
    mask_file(src, tmp_path / "o.txt")
    assert (tmp_path / "o.txt").read_bytes().startswith(b"\xef\xbb\xbf")


def test_secret_markers_are_reported_not_masked(tmp_path):
    src = admission_docx(tmp_path / "s.docx", header_marking="秘密★1年")
    report = mask_file(src, tmp_path / "o.docx")
    assert [f.text for f in report.left] == ["秘密★1年"]
    assert any("保密审查" in w for w in report.warnings)
    assert [f.kind for f in scan_file(tmp_path / "o.docx").findings] == ["secret_marker"]


def test_replace_style_in_docx_spanning_runs(tmp_path):
    src = admission_docx(tmp_path / "r.docx")
    config = ScreeningConfig(mask_styles={"mobile": "replace"})
    mask_file(src, tmp_path / "o.docx", config)
    para = docx.Document(tmp_path / "o.docx").paragraphs[1]
    assert para.text == "如有疑问请联系王老师，手机：［已屏蔽］，工作时间8:00-17:30。"
