"""Reading txt (UTF-8, GB18030), docx and pdf, and refusing what cannot be read."""

from __future__ import annotations

import pymupdf
import pytest
from docx import Document

from xxgk.reportcheck import ReadError, check, check_path, read_path

from .conftest import HAINAN, QUANZHOU, REPORTS


def write_docx(text: str, path, table_rows=None) -> None:
    doc = Document()
    for line in text.split("\n"):
        doc.add_paragraph(line)
    if table_rows:
        table = doc.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for r, row in enumerate(table_rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    doc.save(path)


def write_pdf(text: str, path, per_line: int = 38, size: int = 11) -> None:
    """Lay the text out as Word does for Chinese: lines broken by width, not at spaces."""
    doc = pymupdf.open()
    page, y = doc.new_page(), 60
    for para in (p.strip() for p in text.split("\n")):
        for i in range(0, len(para), per_line):
            if y > 800:
                page, y = doc.new_page(), 60
            page.insert_text((60, y), para[i : i + per_line], fontname="china-s", fontsize=size)
            y += size * 1.5
        y += size * 0.5 if para else 0
    doc.save(path)


def summary(rep):
    return (
        rep.period,
        rep.sections,
        rep.missing_sections,
        rep.declared_count,
        [(f.value, f.unit, f.approx) for f in rep.figures],
        [f.code for f in rep.findings],
    )


@pytest.mark.parametrize("seed", [HAINAN, QUANZHOU], ids=["hainan", "quanzhou"])
def test_docx_reads_like_the_txt(tmp_path, seed):
    text = seed.read_text(encoding="utf-8")
    write_docx(text, tmp_path / "report.docx")
    assert summary(check_path(tmp_path / "report.docx")) == summary(check(text))


@pytest.mark.parametrize("seed", [HAINAN, QUANZHOU], ids=["hainan", "quanzhou"])
def test_pdf_text_layer_reads_like_the_txt(tmp_path, seed):
    text = seed.read_text(encoding="utf-8")
    write_pdf(text, tmp_path / "report.pdf")
    assert summary(check_path(tmp_path / "report.pdf")) == summary(check(text))


def test_pdf_in_traditional_characters(tmp_path):
    text = (REPORTS / "nanshan-traditional.txt").read_text(encoding="utf-8")
    write_pdf(text, tmp_path / "report.pdf")
    rep = check_path(tmp_path / "report.pdf")
    assert rep.missing_sections == [] and rep.findings == []


def test_docx_table_is_the_checklist_table(tmp_path):
    text = QUANZHOU.read_text(encoding="utf-8")
    rows = [["序号", "清单事项", "公开情况", "栏目链接"], ["1", "办学规模", "已公开", "https://example.edu.cn/1"]]
    write_docx(text, tmp_path / "report.docx", table_rows=rows)
    rep = check_path(tmp_path / "report.docx")
    assert "checklist_table" in rep.sections
    assert rep.missing_sections == []
    assert "1\t办学规模\t已公开\thttps://example.edu.cn/1" in read_path(tmp_path / "report.docx")


def test_gb18030_and_bom_txt(tmp_path):
    text = QUANZHOU.read_text(encoding="utf-8")
    (tmp_path / "gb.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert read_path(tmp_path / "gb.txt") == read_path(QUANZHOU)
    assert read_path(tmp_path / "bom.txt") == read_path(QUANZHOU)


def test_word_export_bookmarks_are_dropped():
    assert "[bookmark" not in read_path(HAINAN)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("broken.docx", b"PK\x03\x04 not really a zip", "不是有效的 Word（.docx）文件"),
        ("broken.pdf", b"%PDF-1.7 garbage", "不是有效的 PDF 文件"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "旧版 Word（.doc）"),
        ("binary.txt", b"\x00\x01\x02\x03" * 10, "不是文本文件"),
        ("latin.txt", bytes(range(0x80, 0x100)) * 4, "既不是 UTF-8 也不是 GB18030"),
        ("empty.txt", b"   \n", "没有文字"),
    ],
)
def test_unreadable_files_raise_chinese_messages(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(ReadError) as err:
        read_path(tmp_path / name)
    assert message in str(err.value)


def test_pdf_without_text_layer(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_rect(pymupdf.Rect(50, 50, 300, 300), color=(0, 0, 0), fill=(0.5, 0.5, 0.5))
    doc.save(tmp_path / "scan.pdf")
    with pytest.raises(ReadError, match="没有文字层"):
        read_path(tmp_path / "scan.pdf")


def test_missing_file(tmp_path):
    with pytest.raises(ReadError, match="文件不存在"):
        read_path(tmp_path / "nope.txt")
