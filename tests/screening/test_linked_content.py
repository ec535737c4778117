"""A .docx or .xlsx that shows content from outside itself (a picture linked, not stored; an INCLUDETEXT
field; values of another workbook) is screened and also unscreenable, naming the links: what lives behind
a link is not in the file and can change after publication. A picture pasted from a web page keeps a copy
in the document (screened with its pictures), and a hyperlink is no content: neither is a problem."""

from __future__ import annotations

from xxgk.screening import screen

from .documents import ID_B
from .linked import docx_with, xlsx_with_external_reference

URL = "http://intranet.example.edu.cn/files"
BEHIND_LINKS = "文档引用了外部内容"


def _behind_links(result) -> list[str]:
    return [u.reason for u in result.unscreenable if BEHIND_LINKS in u.reason]


def test_a_linked_picture_makes_a_docx_unscreenable():
    (reason,) = _behind_links(screen(docx_with(URL, linked_picture=True), "公示.docx"))
    assert f"链接的图片 {URL}/linked.png" in reason


def test_an_included_text_makes_a_docx_unscreenable():
    result = screen(docx_with(URL, include_text=True), "公示.docx")
    (reason,) = _behind_links(result)
    assert "INCLUDETEXT" in reason and f"{URL}/list.txt" in reason
    assert "关于2023年专升本拟录取名单的公示" in result.parts[0].extracted.text  # still screened


def test_values_of_another_workbook_make_an_xlsx_unscreenable():
    (reason,) = _behind_links(screen(xlsx_with_external_reference(URL, ID_B), "名单.xlsx"))
    assert f"引用的外部工作簿 {URL}/book.xlsx" in reason


def test_a_picture_pasted_from_the_web_and_hyperlinks_are_fine():
    result = screen(docx_with(URL, web_picture=True, hyperlink=True), "新闻.docx")
    assert result.unscreenable == []
