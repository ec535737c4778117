"""Documents whose content lives behind links, made on the spot, and a web server on a loopback port
that records every request it gets (did converting a document make the server fetch anything?)."""

from __future__ import annotations

import http.server
import io
import re
import threading
import zipfile

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


class RecordingServer:
    """A web server on 127.0.0.1 (a free port) that answers everything and records each request
    as "METHOD /path"."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        record = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                record.append(f"{self.command} {self.path}")
                body = b"ID 460101200202111272"
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            do_GET = do_HEAD = do_OPTIONS = do_PROPFIND = do_POST = _answer

            def log_message(self, *args) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> RecordingServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _field_runs(instruction: str, result: str = "") -> list[str]:
    runs = [
        f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {W}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
        f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>',
    ]
    if result:
        runs.append(result)
    runs.append(f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>')
    return runs


def _inline_picture(attribute: str) -> str:
    """A run holding an inline picture whose blip has `attribute` (r:embed=… or r:link=…)."""
    return (
        f'<w:r {W} xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
        f'xmlns:r="{R}"><w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/>'
        '<wp:docPr id="1" name="Picture 1"/><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
        '<pic:nvPicPr><pic:cNvPr id="1" name="p.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        f"<pic:blipFill><a:blip {attribute}/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>'
        '<a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
    )


def docx_with(url: str, *, linked_picture=False, include_text=False, web_picture=False, hyperlink=False) -> bytes:
    """A notice (.docx) with, as asked: a picture linked from `url` (not stored), an INCLUDETEXT field
    fetching `url`, a picture pasted from a web page (an INCLUDEPICTURE field whose result keeps a copy
    of the picture), a hyperlink to `url`."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    from .scans import Sheet, to_png

    d = docx.Document()
    d.add_paragraph("关于2023年专升本拟录取名单的公示")
    if linked_picture:
        rid = d.part.relate_to(f"{url}/linked.png", RT.IMAGE, is_external=True)
        d.add_paragraph()._p.append(parse_xml(_inline_picture(f'r:link="{rid}"')))
    if include_text:
        p = d.add_paragraph()
        for run in _field_runs(f'INCLUDETEXT "{url}/list.txt"', f"<w:r {W}><w:t>名单</w:t></w:r>"):
            p._p.append(parse_xml(run))
    if web_picture:
        sheet = Sheet(dpi=100, size_mm=(120, 30))
        sheet.title("校园风景", size=14)
        rid, _image = d.part.get_or_add_image(io.BytesIO(to_png(sheet.image)))
        p = d.add_paragraph()
        result = _inline_picture(f'r:embed="{rid}"')
        for run in _field_runs(f'INCLUDEPICTURE "{url}/photo.png" \\* MERGEFORMATINET', result):
            p._p.append(parse_xml(run))
    if hyperlink:
        rid = d.part.relate_to(f"{url}/more.html", RT.HYPERLINK, is_external=True)
        link = f'<w:hyperlink {W} xmlns:r="{R}" r:id="{rid}"><w:r><w:t>详见网页</w:t></w:r></w:hyperlink>'
        p = d.add_paragraph()
        p._p.append(parse_xml(link))
        for run in _field_runs(f'HYPERLINK "{url}/more.html"', f"<w:r {W}><w:t>网页</w:t></w:r>"):
            p._p.append(parse_xml(run))
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def xlsx_with_external_reference(url: str, cached: str) -> bytes:
    """A workbook whose cell 名单!B2 shows `cached`, the value of cell A1 of another workbook at `url`
    (=[1]Sheet1!A1): the value is a copy kept in the file (its externalLink part and the cell)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "名单"
    ws["A1"], ws["B1"], ws["A2"], ws["B2"] = "姓名", "身份证号", "王小明", "=1"
    plain = io.BytesIO()
    wb.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "xl/workbook.xml":
                reference = f'<externalReferences><externalReference xmlns:r="{R}" r:id="rIdX1"/></externalReferences>'
                data = data.replace(b"</sheets>", b"</sheets>" + reference.encode())
            elif name == "xl/_rels/workbook.xml.rels":
                rel = f'<Relationship Id="rIdX1" Type="{R}/externalLink" Target="externalLinks/externalLink1.xml"/>'
                data = data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            elif name == "[Content_Types].xml":
                kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"
                override = f'<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="{kind}"/>'
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            elif name == "xl/worksheets/sheet1.xml":
                cell = f'<c r="B2" t="str"><f>[1]Sheet1!A1</f><v>{cached}</v></c>'.encode()
                data = re.sub(rb'<c r="B2"[^>]*>.*?</c>', cell, data)
            z.writestr(name, data)
        z.writestr(
            "xl/externalLinks/externalLink1.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{R}">'
            '<externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames><sheetDataSet>'
            f'<sheetData sheetId="0"><row r="1"><cell r="A1" t="str"><v>{cached}</v></cell></row></sheetData>'
            "</sheetDataSet></externalBook></externalLink>",
        )
        z.writestr(
            "xl/externalLinks/_rels/externalLink1.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{R}/externalLinkPath" Target="{url}/book.xlsx" TargetMode="External"/>'
            "</Relationships>",
        )
    return out.getvalue()


def rtf_with_fields(url: str) -> bytes:
    """An RTF notice with a picture and a text fetched from `url` by fields (nothing kept in the file)."""
    return (
        "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}\n"
        "{\\pard Notice of admission\\par}\n"
        f'{{\\pard{{\\field{{\\*\\fldinst INCLUDEPICTURE "{url}/list.png" \\\\* MERGEFORMATINET }}{{\\fldrslt }}}}\\par}}\n'
        f'{{\\pard{{\\field{{\\*\\fldinst INCLUDETEXT "{url}/list.txt" }}{{\\fldrslt }}}}\\par}}\n'
        "}"
    ).encode("ascii")
