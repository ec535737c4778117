"""Content that lives behind a link: a document that shows text or pictures it does not hold, fetched
from elsewhere when it is opened or its fields are updated. What is behind the link is not in the file
we screen, and can change after publication; so such a document is screened and also listed as
unscreenable (`Extracted.unscreened`), naming the links, for a person to put the content into the
document itself (embed, not link) or to confirm it.

Links found:
- Word fields: INCLUDETEXT, LINK (a linked OLE object or a range of another file), DDE and DDEAUTO;
  INCLUDEPICTURE and IMPORT when no copy of the picture is kept in the document (a picture pasted
  from a web page keeps one, and that copy is screened like any picture).
- OOXML relationships to something outside the package: a linked picture, object, sub-document,
  frame or media file; external workbook references in a workbook (`xl/externalLinks/`, whose cached
  values are not read as cells).
- Legacy files, from their source (LibreOffice drops some links while converting): the same fields in
  the text of a .doc, in an RTF's `\\fldinst`, RTF's linked objects (`\\objautlink`, `\\objlink`), and
  external workbook references (SUPBOOK records) of a .xls.

Hyperlinks are not content and are not listed. Nothing is fetched here: links are only read.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from posixpath import basename

#: Field instructions whose result comes from elsewhere, and what to call them.
FIELDS = {
    "INCLUDETEXT": "引用外部文字的域（INCLUDETEXT）",
    "INCLUDEPICTURE": "引用外部图片的域（INCLUDEPICTURE）",
    "IMPORT": "引用外部图片的域（IMPORT）",
    "LINK": "链接外部文件的域（LINK）",
    "DDE": "DDE 链接",
    "DDEAUTO": "DDE 链接",
}
PICTURE_FIELDS = ("INCLUDEPICTURE", "IMPORT")
#: OOXML relationship types (the last part of the type URI) of content shown from outside the package.
EXTERNAL_RELS = {
    "image": "链接的图片",
    "oleObject": "链接的对象",
    "package": "链接的文件",
    "subDocument": "链接的子文档",
    "frame": "框架中的网页",
    "externalLinkPath": "引用的外部工作簿",
    "video": "链接的视频",
    "audio": "链接的音频",
    "media": "链接的媒体",
}
#: How many links a reason names.
SHOWN = 3
_FIELD_START = re.compile(r"^\s*([A-Za-z]+)\b(.*)$", re.S)
_QUOTED = re.compile(r'"([^"]*)"|(\S+)')


def reason(links: list[tuple[str, str]]) -> str | None:
    """The unscreenable reason for a document with `links` [(what, target)], or None."""
    seen: list[tuple[str, str]] = []
    for link in links:
        if link not in seen:
            seen.append(link)
    if not seen:
        return None
    shown = "；".join(f"{what} {_short(target)}".strip() for what, target in seen[:SHOWN])
    more = f"等 {len(seen)} 处" if len(seen) > SHOWN else ""
    return (
        f"文档引用了外部内容（{shown}{more}），链接指向的内容不在文件中，无法自动筛查；"
        "请把内容直接放入文档（嵌入而非链接）后重新上传，或人工确认"
    )


def _short(target: str) -> str:
    target = target.strip()
    return target if len(target) <= 80 else target[:77] + "…"


def _field(instruction: str) -> tuple[str, str] | None:
    """(keyword, target) of a field instruction that pulls content from elsewhere, else None."""
    m = _FIELD_START.match(instruction or "")
    if not m or m.group(1).upper() not in FIELDS:
        return None
    keyword = m.group(1).upper()
    args = [a or b for a, b in _QUOTED.findall(m.group(2))]
    if keyword == "LINK" and len(args) >= 2:  # LINK ProgID "file" "item"
        return keyword, args[1]
    if keyword in ("DDE", "DDEAUTO") and args:
        return keyword, " ".join(args[:2])
    return keyword, args[0] if args else ""


# -- OOXML -------------------------------------------------------------------------------------
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PICTURES = {_W + "drawing", _W + "pict", _W + "object"}
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def ooxml_links(data: bytes) -> list[tuple[str, str]]:
    """(what, target) for each piece of content a .docx/.xlsx/.pptx shows from outside itself."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    out: list[tuple[str, str]] = []
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        return out
    with zf:
        for info in zf.infolist():
            name = info.filename
            if name.endswith(".rels"):
                raw = zf.read(info)
                if b"External" not in raw:
                    continue
                try:
                    root = etree.fromstring(raw, parser)
                except etree.XMLSyntaxError:
                    continue
                for rel in root.iter(_PKG_REL):
                    kind = rel.get("Type", "").rsplit("/", 1)[-1]
                    if rel.get("TargetMode") == "External" and kind in EXTERNAL_RELS:
                        out.append((EXTERNAL_RELS[kind], rel.get("Target", "")))
            elif name.startswith("xl/externalLinks/") and name.endswith(".xml"):
                out.append(("引用的外部工作簿或链接", basename(name)))
            elif name.startswith("word/") and name.endswith(".xml"):
                raw = zf.read(info)
                if b"instrText" not in raw and b"fldSimple" not in raw:
                    continue
                if not any(k.encode() in raw.upper() for k in FIELDS):
                    continue
                try:
                    root = etree.fromstring(raw, parser)
                except etree.XMLSyntaxError:
                    continue
                out += _docx_fields(root)
    return out


def _docx_fields(root) -> list[tuple[str, str]]:
    """The fields of a WordprocessingML part that pull content from elsewhere: complex fields
    (begin, instrText, separate, result, end) and simple ones (w:fldSimple)."""
    out: list[tuple[str, str]] = []
    stack: list[dict] = []

    def close(field: dict) -> None:
        found = _field(field["instr"])
        if found is None:
            return
        keyword, target = found
        if keyword in PICTURE_FIELDS and field["picture"]:
            return  # a copy of the picture is kept in the document (and screened with its pictures)
        out.append((FIELDS[keyword], target))

    for elm in root.iter():
        tag = elm.tag
        if tag == _W + "fldSimple":
            picture = any(e.tag in _PICTURES for e in elm.iter())
            close({"instr": elm.get(_W + "instr", ""), "picture": picture})
        elif tag == _W + "fldChar":
            kind = elm.get(_W + "fldCharType")
            if kind == "begin":
                stack.append({"instr": "", "result": False, "picture": False})
            elif kind == "separate" and stack:
                stack[-1]["result"] = True
            elif kind == "end" and stack:
                close(stack.pop())
        elif tag == _W + "instrText" and stack and not stack[-1]["result"]:
            stack[-1]["instr"] += elm.text or ""
        elif tag in _PICTURES and stack and stack[-1]["result"]:
            stack[-1]["picture"] = True
    for field in stack:  # a field left open: judge it by what it says
        close(field)
    return out


# -- legacy files ------------------------------------------------------------------------------
_DOC_FIELD = re.compile("\x13([^\x13\x14\x15]{1,2000})(?:\x14([^\x13\x15]{0,20000}))?")


def doc_links(data: bytes) -> list[tuple[str, str]]:
    """The fields of a Word binary file's text that pull content from elsewhere. The text of a .doc
    is kept in UTF-16 or, when it fits, 8 bits a character: both are looked at; a field starts with
    0x13, its result with 0x14, and a picture kept in the result is the character 0x01 or 0x08."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            word = ole.openstream("WordDocument").read()
    except Exception:
        return []
    out: list[tuple[str, str]] = []
    texts = [word.decode("utf-16-le", "replace"), word[1:].decode("utf-16-le", "replace"), word.decode("latin-1")]
    for text in texts:
        for m in _DOC_FIELD.finditer(text):
            found = _field(m.group(1))
            if found is None:
                continue
            keyword, target = found
            if keyword in PICTURE_FIELDS and "\\d" not in m.group(1) and re.search("[\x01\x08]", m.group(2) or ""):
                continue
            out.append((FIELDS[keyword], target))
    return out


_RTF_CONTROL = re.compile(rb"\\[a-zA-Z]+-?\d* ?|\\[^a-zA-Z]|[{}\r\n]")


def rtf_links(data: bytes) -> list[tuple[str, str]]:
    """The fields of an RTF file that pull content from elsewhere, and its linked objects."""
    out: list[tuple[str, str]] = []
    for m in re.finditer(rb"\\fldinst\b", data):
        head = data[m.end() : m.end() + 2000]
        instruction = _RTF_CONTROL.sub(b"", head.split(b"\\fldrslt", 1)[0]).decode("latin-1", "replace")
        found = _field(instruction)
        if found is None:
            continue
        keyword, target = found
        if keyword in PICTURE_FIELDS and "\\d" not in instruction:
            rest = data[m.end() : m.end() + 200_000]
            result = rest.split(b"\\fldrslt", 1)[1] if b"\\fldrslt" in rest else b""
            result = result.split(b"\\fldinst", 1)[0]
            if b"\\pict" in result or b"\\shppict" in result:
                continue
        out.append((FIELDS[keyword], target))
    if re.search(rb"\\objautlink\b|\\objlink\b", data):
        out.append(("链接的对象", ""))
    return out


_SUPBOOK = 0x01AE
_INTERNAL_SUPBOOKS = (0x0401, 0x3A01)  # the workbook itself; add-in functions


def xls_links(data: bytes) -> list[tuple[str, str]]:
    """References of an Excel 97-2003 workbook to other workbooks (SUPBOOK records): the values
    shown for them are copies kept in the file, which LibreOffice does not always show."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            stream = "Workbook" if ole.exists("Workbook") else "Book"
            book = ole.openstream(stream).read()
    except Exception:
        return []
    out: list[tuple[str, str]] = []
    pos = 0
    while pos + 4 <= len(book):
        kind, size = struct.unpack_from("<HH", book, pos)
        if kind == _SUPBOOK and size >= 4:
            cch = struct.unpack_from("<H", book, pos + 6)[0]
            if cch not in _INTERNAL_SUPBOOKS:
                path = _xls_string(book[pos + 8 : pos + 4 + size], cch)
                out.append(("引用的外部工作簿", path))
        pos += 4 + size
    return out


def _xls_string(body: bytes, cch: int) -> str:
    """A BIFF8 string of `cch` characters (flags byte, then 8-bit or UTF-16 characters)."""
    if not body:
        return ""
    wide = body[0] & 0x01
    raw = body[1 : 1 + cch * (2 if wide else 1)]
    text = raw.decode("utf-16-le" if wide else "latin-1", "replace")
    return "".join(c if c.isprintable() else " " for c in text).strip()


def legacy_links(data: bytes, source: str) -> list[tuple[str, str]]:
    """The links of a legacy Office file (`source`: "doc", "xls", "ppt" or "rtf"), read from its source."""
    if source == "doc":
        return doc_links(data)
    if source == "rtf":
        return rtf_links(data)
    if source == "xls":
        return xls_links(data)
    return []
