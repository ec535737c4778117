"""An OFD (电子公文) is read from the TextCode elements of its pages; a scanned OFD (pages that are
images only) needs a person's look."""

from __future__ import annotations

import io
import zipfile

from xxgk.screening import screen

from .documents import ID_A

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def _ofd(objects: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "OFD.xml",
            f'<ofd:OFD {NS} Version="1.0"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
        )
        zf.writestr(
            "Doc_0/Document.xml",
            f'<ofd:Document {NS}><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>',
        )
        zf.writestr(
            "Doc_0/Pages/Page_0/Content.xml",
            f"<ofd:Page {NS}><ofd:Content><ofd:Layer>{objects}</ofd:Layer></ofd:Content></ofd:Page>",
        )
    return buf.getvalue()  # fmt: skip


def _text(x: float, y: float, text: str) -> str:
    return (
        f'<ofd:TextObject ID="9" Boundary="{x} {y} 120 6" Font="1" Size="4">'
        f'<ofd:TextCode X="0" Y="4">{text}</ofd:TextCode></ofd:TextObject>'
    )


def test_the_text_of_an_ofd_is_screened_line_by_line():
    # one line written as two text objects, as OFD writers often do; a second line above it
    data = _ofd(_text(20, 60, "身份证号：") + _text(40, 60, ID_A) + _text(20, 40, "拟录取名单"))
    result = screen(data, "公文.ofd")
    assert result.unscreenable == []
    assert result.parts[0].extracted.text.splitlines() == ["拟录取名单", f"身份证号：{ID_A}"]
    assert [(f.text, f.location) for f in result.parts[0].findings if f.kind == "id_card"] == [(ID_A, "第1页")]


def test_a_scanned_ofd_needs_a_person():
    data = _ofd('<ofd:ImageObject ID="5" Boundary="0 0 210 297" ResourceID="7"/>')
    result = screen(data, "公文.ofd")
    assert "扫描件" in result.unscreenable[0].reason
