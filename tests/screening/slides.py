"""PowerPoint (.pptx) files built on the spot from their XML: slides with text boxes and a
table, speaker notes and comments, in the layout PowerPoint writes."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = {
    "slide": "application/vnd.openxmlformats-officedocument.presentationml.slide+xml",
    "notes": "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml",
    "comments": "application/vnd.openxmlformats-officedocument.presentationml.comments+xml",
}


def _runs(text: str) -> str:
    """A paragraph; "|" splits the text into runs (as an editor splits a value it styled)."""
    return (
        "<a:p>" + "".join(f'<a:r><a:rPr lang="zh-CN"/><a:t>{escape(t)}</a:t></a:r>' for t in text.split("|")) + "</a:p>"
    )


def _shape(i: int, paragraphs: list[str]) -> str:
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{i}" name="文本框 {i}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
        '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="8000000" cy="800000"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
        f"<p:txBody><a:bodyPr/><a:lstStyle/>{''.join(_runs(p) for p in paragraphs)}</p:txBody></p:sp>"
    )


def _table(rows: list[list[str]]) -> str:
    grid = "".join('<a:gridCol w="1500000"/>' for _ in rows[0])
    body = "".join(
        '<a:tr h="370000">'
        + "".join(f"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{_runs(c)}</a:txBody><a:tcPr/></a:tc>" for c in row)
        + "</a:tr>"
        for row in rows
    )
    return (
        '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="90" name="表格 1"/><p:cNvGraphicFramePr/><p:nvPr/>'
        '</p:nvGraphicFramePr><p:xfrm><a:off x="0" y="1000000"/><a:ext cx="6000000" cy="1000000"/></p:xfrm>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">'
        f"<a:tbl><a:tblPr/><a:tblGrid>{grid}</a:tblGrid>{body}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>"
    )


def _tree(inner: str) -> str:
    return (
        '<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        f"<p:grpSpPr/>{inner}</p:spTree></p:cSld>"
    )


def _rels(rels: list[tuple[str, str, str]]) -> str:
    items = "".join(f'<Relationship Id="{i}" Type="{_REL}/{t}" Target="{target}"/>' for i, t, target in rels)
    return (
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>'
    )


def pptx_bytes(slides: list[dict]) -> bytes:
    """Each slide: {"text": [paragraphs], "table": [[cells]], "notes": [paragraphs], "comments": [texts]}."""
    parts: dict[str, str] = {}
    types = []
    pres_rels = []
    ids = []
    for n, slide in enumerate(slides, 1):
        inner = _shape(2, slide.get("text", []))
        if slide.get("table"):
            inner += _table(slide["table"])
        parts[f"ppt/slides/slide{n}.xml"] = (
            f'<p:sld xmlns:a="{_A}" xmlns:r="{_R}" xmlns:p="{_P}">{_tree(inner)}</p:sld>'
        )
        types.append((f"/ppt/slides/slide{n}.xml", _CT["slide"]))
        rels = []
        if slide.get("notes"):
            parts[f"ppt/notesSlides/notesSlide{n}.xml"] = (
                f'<p:notes xmlns:a="{_A}" xmlns:r="{_R}" xmlns:p="{_P}">{_tree(_shape(3, slide["notes"]))}</p:notes>'
            )
            types.append((f"/ppt/notesSlides/notesSlide{n}.xml", _CT["notes"]))
            rels.append(("rId2", "notesSlide", f"../notesSlides/notesSlide{n}.xml"))
        if slide.get("comments"):
            cms = "".join(
                f'<p:cm authorId="0" dt="2024-05-01T10:00:00" idx="{i}"><p:pos x="10" y="10"/>'
                f"<p:text>{escape(t)}</p:text></p:cm>"
                for i, t in enumerate(slide["comments"], 1)
            )
            parts[f"ppt/comments/comment{n}.xml"] = f'<p:cmLst xmlns:p="{_P}">{cms}</p:cmLst>'
            types.append((f"/ppt/comments/comment{n}.xml", _CT["comments"]))
            rels.append(("rId3", "comments", f"../comments/comment{n}.xml"))
        parts[f"ppt/slides/_rels/slide{n}.xml.rels"] = _rels(rels)
        pres_rels.append((f"rId{n + 10}", "slide", f"slides/slide{n}.xml"))
        ids.append(f'<p:sldId id="{255 + n}" r:id="rId{n + 10}"/>')
    parts["ppt/presentation.xml"] = (
        f'<p:presentation xmlns:a="{_A}" xmlns:r="{_R}" xmlns:p="{_P}"><p:sldIdLst>{"".join(ids)}</p:sldIdLst>'
        '<p:sldSz cx="9144000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>'
    )
    parts["ppt/_rels/presentation.xml.rels"] = _rels(pres_rels)
    parts["_rels/.rels"] = _rels([("rId1", "officeDocument", "ppt/presentation.xml")])
    overrides = "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in types)
    parts["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/ppt/presentation.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>'
        f"{overrides}</Types>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", parts.pop("[Content_Types].xml"))
        for name, xml in parts.items():
            zf.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml)
    return buf.getvalue()
