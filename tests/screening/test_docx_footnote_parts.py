"""An ID number in a Word footnote (word/footnotes.xml, written here into the package) is
found and masked."""

from __future__ import annotations

import docx

from xxgk.screening import mask_file, scan_file

from .officeparts import ID, W_NS, edit_package, parts_holding

_FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:footnotes xmlns:w="{W_NS}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    f'<w:footnote w:id="1"><w:p><w:r><w:t>申请人身份证号：{ID}</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def _doc(path):
    d = docx.Document()
    d.add_paragraph("申请材料已收齐")
    d.save(path)
    return edit_package(
        path,
        {
            "word/document.xml": lambda s: s.replace(
                "<w:t>申请材料已收齐</w:t></w:r>",
                '<w:t>申请材料已收齐</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>',
            ),
            "[Content_Types].xml": lambda s: s.replace(
                "</Types>",
                '<Override PartName="/word/footnotes.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
            ),
            "word/_rels/document.xml.rels": lambda s: s.replace(
                "</Relationships>",
                '<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/footnotes" Target="footnotes.xml"/></Relationships>',
            ),
        },
        add={"word/footnotes.xml": _FOOTNOTES},
    )


def test_id_in_footnote(tmp_path):
    result = scan_file(_doc(tmp_path / "n.docx"))
    assert [(f.text, f.location) for f in result.findings if f.kind == "id_card"] == [(ID, "footnote")]


def test_masked_copy_keeps_no_id(tmp_path):
    out = tmp_path / "m.docx"
    assert mask_file(_doc(tmp_path / "n.docx"), out).written
    assert parts_holding(out, ID) == []
