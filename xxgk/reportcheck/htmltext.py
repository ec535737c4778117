"""A report saved from a university's web site (.html/.htm): the text a reader of the report sees.

Skipped: the ``<head>``, scripts, styles, templates, forms' controls, and the site's frame around
the report — ``<nav>``, ``<footer>``, ``<aside>``, a ``<header>`` outside the article, elements
whose class or id names a menu, a navigation bar, a breadcrumb trail, a footer, a sidebar or
sharing buttons, elements with ``role="navigation"`` and hidden elements (``hidden``,
``aria-hidden``, ``display:none``). Block elements end a line; the cells of a table row are
separated by a tab (a row is one line, as for docx); white space is collapsed as a browser does,
and a line break in the page source between two Chinese characters disappears. The encoding comes
from a byte-order mark, then the ``<meta>`` charset (GB2312/GBK read as GB18030), then UTF-8, then
GB18030.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

_SKIP_TAGS = {"head", "script", "style", "template", "noscript", "nav", "footer", "aside", "select", "button"}
_SKIP_TAGS |= {"iframe", "object", "svg", "canvas", "textarea"}
_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "thead", "tbody", "tfoot",
    "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "main", "blockquote", "pre",
    "hr", "form", "figure", "figcaption", "address", "caption", "center", "body", "html",
}  # fmt: skip
_CELL = {"td", "th"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr", "param", "track"}
#: class or id words of a site's frame: mainnav, top-menu, breadcrumb, bdsharebuttonbox …
_FRAME = re.compile(r"nav|menu|breadcrumb|crumbs|footer|sidebar|share|toolbar|skip-?link", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_GB = {"gb2312", "gbk", "x-gbk", "gb18030", "cp936", "euc-cn"}
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
_CJK_BREAK = re.compile(rf"(?<={_CJK})[ \t]*\r?\n[ \t]*(?={_CJK})")


def looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or (head.startswith(b"<") and b"<body" in data[:4096].lower())


def decode_html(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    m = _CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii").lower()
        try:
            return data.decode("gb18030" if declared in _GB else declared)
        except (LookupError, UnicodeDecodeError):
            pass  # an unknown charset, or a page that lies about it: guess
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _skipped(tag: str, attrs: dict[str, str | None], in_article: bool) -> bool:
    if tag in _SKIP_TAGS or (tag == "header" and not in_article):
        return True
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    if (attrs.get("role") or "").lower() in ("navigation", "banner", "contentinfo", "search"):
        return True
    if _HIDDEN_STYLE.search(attrs.get("style") or ""):
        return True
    words = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".split()
    return any(_FRAME.search(w) for w in words)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []  # open elements (tag, skipped)
        self.skipping = 0
        self.pre = 0
        self.cell = 0
        self.article = 0

    def _last(self) -> str:
        while self.out and not self.out[-1]:
            self.out.pop()
        return self.out[-1][-1] if self.out else "\n"

    def _break(self, sep: str = "\n") -> None:
        if self.cell and sep == "\n":
            sep = " "  # a paragraph inside a table cell: the row stays one line
        if not self.out:
            return
        if sep == "\n" and self._last() in " \t":
            self.out[-1] = self.out[-1].rstrip(" \t")
        if self._last() not in "\n\t" and not (sep == " " and self._last() == " "):
            self.out.append(sep)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in _VOID:
            if not self.skipping and tag in ("br", "hr"):
                self._break()
            return
        skip = bool(self.skipping) or _skipped(tag, attributes, self.article > 0)
        self.open.append((tag, skip))
        if skip:
            self.skipping += 1
            return
        if tag in ("article", "main"):
            self.article += 1
        if tag in _CELL:
            if self.out and self._last() not in "\n":
                self.out.append("\t")
            self.cell += 1
        elif tag in _BLOCK:
            self._break()
        if tag == "pre":
            self.pre += 1

    def handle_startendtag(self, tag, attrs):
        if tag in _VOID:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in _VOID or not any(t == tag for t, _ in self.open):
            return  # a stray end tag
        while self.open:
            t, skip = self.open.pop()
            if skip:
                self.skipping -= 1
            else:
                self._close(t)
            if t == tag:
                break

    def _close(self, tag: str) -> None:
        if tag in ("article", "main"):
            self.article -= 1
        if tag in _CELL:
            self.cell = max(0, self.cell - 1)
            if self._last() == " ":
                self.out[-1] = self.out[-1].rstrip(" ")
        elif tag in _BLOCK:
            self._break()
        if tag == "pre":
            self.pre = max(0, self.pre - 1)

    def handle_data(self, data):
        if self.skipping:
            return
        if not self.pre:
            # a line break in the source between two Chinese characters is no space at all
            data = _SPACE.sub(" ", _CJK_BREAK.sub("", data))
            if self._last() in " \n\t":
                data = data.lstrip(" ")
        if data:
            self.out.append(data)


def html_text(data: bytes) -> str:
    reader = _Reader()
    reader.feed(decode_html(data))
    reader.close()
    lines = [line.strip(" ") for line in "".join(reader.out).replace("\xa0", " ").split("\n")]
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1].strip()):
            out.append(line if line.strip() else "")
    return "\n".join(out).strip("\n")
