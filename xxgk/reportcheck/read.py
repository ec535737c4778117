"""Turn an annual report file into text: txt (UTF-8 or GB18030), docx, pdf (text layer), and a web
page saved from a university's site (html/htm: the text a reader sees, see :mod:`.htmltext`).

Every failure is a :class:`ReadError` whose message is Chinese and says what to do.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from pathlib import Path

from .htmltext import html_text, looks_like_html

SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")


class ReadError(Exception):
    """The file cannot be read as a report; ``str(err)`` is a Chinese message for people."""


def read_path(path: str | Path) -> str:
    path = Path(path)
    if not path.exists():
        raise ReadError(f"文件不存在：{path}")
    if path.is_dir():
        raise ReadError(f"{path} 是一个目录；要比较目录中的多份报告，请加 --compare")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"无法打开文件 {path}：{exc.strerror or exc}") from exc
    suffix = path.suffix.lower()
    if suffix == ".doc" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ReadError(f"{path.name} 是旧版 Word（.doc）文件，无法读取；请另存为 .docx 或 PDF 后再检查")
    if suffix == ".pdf" or data[:5] == b"%PDF-":
        text = read_pdf(data, path.name)
    elif suffix == ".docx" or (data[:2] == b"PK" and suffix not in (".txt",)):
        text = read_docx(data, path.name)
    elif suffix in (".html", ".htm") or looks_like_html(data):
        text = read_html(data, path.name)
    else:
        text = read_txt(data, path.name)
    text = tidy(text)
    if not text.strip():
        raise ReadError(f"{path.name} 中没有文字")
    return text


def read_txt(data: bytes, name: str = "文件") -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(f"{name} 的 UTF-16 编码有误，无法读取") from exc
    if b"\x00" in data[:4096]:
        raise ReadError(f"{name} 不是文本文件（含二进制内容）；支持 txt、docx 和带文字层的 pdf")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError(f"{name} 既不是 UTF-8 也不是 GB18030 编码的文本，无法读取")


def read_html(data: bytes, name: str = "文件") -> str:
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ReadError(f"{name} 不是网页文件（含二进制内容）")
    return html_text(data)


def read_docx(data: bytes, name: str = "文件") -> str:
    import io

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - python-docx is a dependency
        raise ReadError("读取 docx 需要 python-docx") from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(f"{name} 不是有效的 Word（.docx）文件，可能已损坏") from exc
    except Exception as exc:  # lxml errors and the like: still a broken file
        raise ReadError(f"{name} 不是有效的 Word（.docx）文件，可能已损坏（{type(exc).__name__}）") from exc
    return "\n".join(_docx_blocks(document))


def _docx_blocks(document) -> list[str]:
    """Paragraphs and tables in document order; a table row becomes one tab-separated line.

    A paragraph numbered by Word ("一、" from numbering.xml, on the paragraph or its heading
    style) gets its number back in front of its text, as a reader sees it."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from .docxnum import Numbering

    numbering = Numbering(document)
    out: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            label = numbering.label(paragraph)
            text = paragraph.text
            out.append(label + text.lstrip() if label and text.strip() else text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                previous = None
                for cell in row.cells:
                    if cell._tc is previous:  # a merged cell is returned once per grid column it spans
                        continue
                    previous = cell._tc
                    cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
                out.append("\t".join(cells))
    return out


_HEADING_START = re.compile(
    r"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．](?!\d))"
)
_SENTENCE_END = "。：:；;！？!?"


def read_pdf(data: bytes, name: str = "文件") -> str:
    try:
        import pymupdf
    except ImportError as exc:  # pragma: no cover - pymupdf is a dependency
        raise ReadError("读取 pdf 需要 PyMuPDF") from exc
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:
        raise ReadError(f"{name} 不是有效的 PDF 文件，可能已损坏") from exc
    if doc.needs_pass:
        raise ReadError(f"{name} 有密码保护，无法读取")
    paragraphs: list[str] = []
    try:
        for page in doc:
            for block in page.get_text("dict", sort=True)["blocks"]:
                if block.get("type") != 0:  # image block
                    continue
                lines = []
                for line in block["lines"]:
                    text = "".join(span["text"] for span in line["spans"])
                    size = max((span["size"] for span in line["spans"]), default=10)
                    lines.append((text, line["bbox"][2], size))
                paragraphs.extend(_reflow(lines))
    except Exception as exc:
        raise ReadError(f"{name} 的内容无法解析，可能已损坏") from exc
    finally:
        doc.close()
    text = "\n".join(paragraphs)
    if len(re.sub(r"\s", "", text)) < 20:
        raise ReadError(f"{name} 没有文字层（可能是扫描件或图片），请先做文字识别（OCR），或提供 docx/txt 版本")
    return text


def _reflow(lines: list[tuple[str, float, float]]) -> list[str]:
    """Join the visual lines of one PDF block into paragraphs (Chinese needs no space).

    ``lines`` holds (text, right edge, font size). A line ends its paragraph when it
    ends a sentence, when it stops clearly short of the block's right edge (a heading,
    the last line of a paragraph), or when the next line starts with a heading number.
    """
    lines = [(t.strip(), x1, size) for t, x1, size in lines if t.strip()]
    right = max((x1 for _, x1, _ in lines), default=0)
    out: list[str] = []
    ended = True
    for text, x1, size in lines:
        if out and not ended and not _HEADING_START.match(text):
            a, b = out[-1][-1], text[0]
            joiner = " " if a.isascii() and a.isalpha() and b.isascii() and b.isalpha() else ""
            out[-1] += joiner + text
        else:
            out.append(text)
        ended = text[-1] in _SENTENCE_END or right - x1 > 2 * size
    return out


def tidy(text: str) -> str:
    """Unify line ends, drop Word export leftovers such as ``[bookmark: _GoBack]``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = re.sub(r"\[bookmark: [^\]]*\]", "", text)
    return text
