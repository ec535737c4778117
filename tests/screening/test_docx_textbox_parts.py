"""An ID number in a Word text box is found once, and masked in both copies Word keeps
of a text box: the DrawingML shape and the VML fallback for old readers. A text box in a
header says so."""

from __future__ import annotations

import zipfile

import docx

from xxgk.screening import mask_file, scan_file

from .officeparts import ID, add_to_body, edit_package, parts_holding

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def _box(text):
    content = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    return (
        f'<w:r><mc:AlternateContent xmlns:mc="{_MC}"><mc:Choice Requires="wps"><w:drawing>'
        f'<wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
        f'<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="{_WPS}">'
        f'<wps:wsp xmlns:wps="{_WPS}"><wps:txbx>{content}</wps:txbx></wps:wsp>'
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>{content}'
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def _doc(path):
    d = docx.Document()
    d.add_paragraph("正文")
    d.sections[0].header.paragraphs[0].text = "页眉"
    d.save(path)
    add_to_body(path, f"<w:p>{_box('联系人身份证 ' + ID)}</w:p>")
    header = next(n for n in zipfile.ZipFile(path).namelist() if n.startswith("word/header"))
    return edit_package(
        path, {header: lambda s: s.replace("<w:t>页眉</w:t></w:r>", "<w:t>页眉</w:t></w:r>" + _box(ID))}
    )


def test_id_in_text_boxes_found_once_each(tmp_path):
    result = scan_file(_doc(tmp_path / "t.docx"))
    ids = sorted((f.text, f.location) for f in result.findings if f.kind == "id_card")
    assert ids == [(ID, "header（文本框）"), (ID, "textbox")]


def test_masked_copy_keeps_no_id_in_either_copy(tmp_path):
    out = tmp_path / "m.docx"
    assert mask_file(_doc(tmp_path / "t.docx"), out).written
    assert parts_holding(out, ID) == []
