"""Web pages (.html, .htm, .shtml, .xhtml): the text a reader sees, not the markup.

Scripts, styles, templates and the `<head>` are skipped, except the `<title>`, which a
reader sees on the tab and in search results; image `alt` and element `title` texts (shown
instead of an image or as a tooltip) are kept. Block elements end a line, table cells are
separated by a tab, runs of white space outside `<pre>` become one space, and character
references are decoded. The encoding comes from a byte-order mark, then the `<meta>`
charset (GB2312 and GBK are read as GB18030, which contains them), then the same guesses as
for plain text. Each stretch of text is a segment located by its line in the page source.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..document import Extracted, ExtractionError, Segment
from .plain import decode

_SKIP = {"script", "style", "template", "head"}
_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "thead", "tbody", "tfoot",
    "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "nav", "aside",
    "main", "blockquote", "pre", "hr", "form", "figure", "figcaption", "address", "caption", "title",
    "fieldset", "legend", "option", "center", "body", "html",
}  # fmt: skip
_CELL = {"td", "th"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_GB = {"gb2312", "gbk", "x-gbk", "gb18030", "cp936", "euc-cn", "hz-gb-2312"}
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u3000]+")


def decode_page(data: bytes, name: str | None) -> str:
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        m = _CHARSET.search(data[:4096])
        if m:
            declared = m.group(1).decode("ascii").lower()
            codec = "gb18030" if declared in _GB else declared
            try:
                return data.decode(codec)
            except (LookupError, UnicodeDecodeError):
                pass  # an unknown charset, or a page that lies about it: guess as for plain text
    return decode(data.replace(b"\x00", b""), name)[0]


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.pos = 0
        self.segments: list[Segment] = []
        self.skip: list[str] = []  # open elements whose content is skipped
        self.pre = 0
        self.in_title = False

    def _raw(self, s: str) -> None:
        self.chunks.append(s)
        self.pos += len(s)

    def _break(self, sep: str = "\n") -> None:
        if not self.chunks:
            return
        last = self.chunks[-1]
        if sep == "\n":
            if last.endswith("\n"):
                return
            if last.endswith((" ", "\t")):
                self.chunks[-1] = last.rstrip(" \t")
                self.pos -= len(last) - len(self.chunks[-1])
        elif last.endswith(("\n", "\t")):
            return
        self._raw(sep)

    def _text(self, text: str) -> None:
        if not self.pre:
            text = _SPACE.sub(" ", text)
            if not self.chunks or self.chunks[-1].endswith(("\n", "\t", " ")):
                text = text.lstrip(" ")
        if not text:
            return
        start = self.pos
        self._raw(text)
        self.segments.append(Segment(start, self.pos, f"源码第{self.getpos()[0]}行"))

    def handle_starttag(self, tag, attrs):
        if tag == "body" and self.skip == ["head"]:  # a head never closed
            self.skip.clear()
        if tag == "title" and self.skip == ["head"]:
            self.in_title = True
        elif self.skip:
            if tag in _SKIP and tag not in _VOID:
                self.skip.append(tag)
            return
        elif tag in _SKIP:
            self.skip.append(tag)
            return
        if tag in _BLOCK:
            self._break()
        elif tag in _CELL:
            self._break("\t")
        if tag == "pre":
            self.pre += 1
        for key, value in attrs:
            if key in ("alt", "title") and value and value.strip():
                self._text(f" {value} ")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "pre":
            self.pre = max(0, self.pre - 1)

    def handle_endtag(self, tag):
        if tag == "title" and self.in_title:
            self.in_title = False
            self._break()
            return
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag in _BLOCK:
            self._break()
        if tag == "pre":
            self.pre = max(0, self.pre - 1)

    def handle_data(self, data):
        if self.skip and not self.in_title:
            return
        self._text(data)


def extract_html(data: bytes, name: str | None) -> Extracted:
    reader = _Reader()
    try:
        reader.feed(decode_page(data, name))
        reader.close()
    except ExtractionError:
        raise
    except Exception as exc:  # html.parser is lenient; anything else is a damaged page
        raise ExtractionError(name, f"网页无法解析（{exc}）") from None
    text = "".join(reader.chunks)
    warnings = [] if text.strip() else ["网页没有可见的文字内容"]
    return Extracted(text=text, kind="html", name=name, segments=reader.segments, warnings=warnings)
