"""Reading one saved page of an old disclosure site: is it an article, and if so what it says.

No Django here: the command and the tests call `read_page` with the page's bytes and what the
whole mirror taught (`SiteFacts`). An article page is recognised by its shape, not by the site's
code: a content block with little link text, a title before it and a date near it. Home pages,
column lists (many dated links), pagination, search and contact pages are skipped, each with a
reason. The rules are generic to campus CMS layouts (博达/VSB, WebPlus, TRS and hand-made sites);
a mapping file's CSS selectors take over where they fail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from posixpath import normpath
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
from lxml import etree

from ..screening.extractors.html import decode_page

ATTACHMENT_SUFFIXES = (
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".wps", ".et", ".dps", ".ofd", ".txt",
    ".rtf", ".zip", ".rar", ".7z", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".csv",
)  # fmt: skip
PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php")
HOME_NAMES = {"index.html", "index.htm", "index.shtml", "default.html", "default.htm", "main.htm", "main.html"}

# class/id words of blocks that hold a page's body text in common CMS layouts
_CONTENT_WORDS = re.compile(
    r"(v_news_content|vsb_content|wp_articlecontent|trs_editor|article[-_]?(content|body|text)|"
    r"arti[-_]?(content|body)|news[-_]?(content|text|body)|content[-_]?(text|body|detail)|zoom|"
    r"detail[-_]?(content|text)|^content$|^article$|^detail$|^text$|^zw$|^nr$)",
    re.I,
)
# class/id words of the furniture around it
_CHROME_WORDS = re.compile(
    r"(^|[-_\s])(nav|navbar|menu|header|top|topbar|footer|foot|bottom|banner|sidebar|side|left|right|"
    r"breadcrumbs?|crumbs?|position|location|dqwz|copyright|share|friend[-_]?links?|links|search|"
    r"toolbar|pagination|pager|page[-_]?bar|pages)([-_\s]|\d|$)",
    re.I,
)
_CRUMB_WORDS = re.compile(r"(breadcrumbs?|crumbs?|position|location|dqwz|lm_?name|column)", re.I)
_TITLE_WORDS = re.compile(
    r"(^|[-_\s])(arti[-_]?title|article[-_]?title|news[-_]?title|title|tit|bt)([-_\s]|\d|$)", re.I
)
_CONTAINERS = {"div", "td", "article", "section", "main", "body"}
_COPYRIGHT = re.compile(r"(版权所有|Copyright|ICP备|©)", re.I)
_REMOVE = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas")

_YMD = r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
_LABELLED_DATE = re.compile(
    r"(?:发布(?:时间|日期)|发表(?:时间|日期)|更新(?:时间|日期)|公开日期|成文日期|日期|时间)\s*[:：]?\s*" + _YMD
)
_ANY_DATE = re.compile(_YMD)
_DEPARTMENT = re.compile(
    r"(?:发布(?:者|人|单位|部门|机构)|信息来源|来源|供稿(?:单位|部门)?|责任部门|作者|撰稿)\s*[:：]\s*"
    r"([^\s|｜/:：,，;；()（）\[\]【】]{2,30})"
)
_PAGER = re.compile(r"(下一页|上一页|尾页|末页|首页\s*上一页|共\s*\d+\s*页|第\s*\d+\s*/\s*\d+\s*页)")
_NOT_BODY_LINE = re.compile(r"^(上一篇|下一篇|上一条|下一条|打印本页|关闭窗口|【打印】|【关闭】|返回顶部|分享到)")
_SPACE = re.compile(r"[\s\u00a0\u3000]+")
_TITLE_SEPARATORS = re.compile(r"\s*(?:[-_|｜—–]+|::)\s*")

MIN_BODY_CHARS = 30
MAX_LINK_DENSITY = 0.35
LIST_MIN_DATED_LINKS = 6


@dataclass(frozen=True)
class Selectors:
    """CSS selectors from a mapping file, used instead of the heuristics when given."""

    title: str = ""
    body: str = ""
    date: str = ""
    department: str = ""


@dataclass
class SiteFacts:
    """What the whole mirror says: title parts every page repeats (the site's name)."""

    common_title_parts: frozenset[str] = frozenset()
    existing_files: frozenset[str] = frozenset()
    host: str = ""


@dataclass
class Article:
    path: str
    title: str
    published_on: date | None
    department: str
    body_html: str
    text: str
    attachments: list[str] = field(default_factory=list)
    breadcrumb: str = ""


@dataclass
class Skipped:
    path: str
    reason: str


def _text(el) -> str:
    return _SPACE.sub(" ", el.text_content() if hasattr(el, "text_content") else "").strip()


def _words(el) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}".strip()


def parse(data: bytes, path: str):
    text = decode_page(data, path)
    if not text.strip():
        return None
    try:
        doc = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None
    for bad in doc.xpath("|".join(f"//{t}" for t in _REMOVE)):
        bad.drop_tree()
    for comment in doc.xpath("//comment()"):
        comment.drop_tree()
    return doc


def page_title(doc) -> str:
    found = doc.find(".//title")
    return _text(found) if found is not None else ""


def title_parts(title: str) -> list[str]:
    return [p for p in _TITLE_SEPARATORS.split(title) if p]


def _is_chrome(el) -> bool:
    """Is this element, or one around it, the site's furniture (menus, header, footer …)?"""
    while el is not None and isinstance(el.tag, str):
        if el.tag in ("nav", "header", "footer", "aside"):
            return True
        if el.tag in _CONTAINERS and el.tag != "body":
            own = _own_text(el)
            if len(own) < 300 and _COPYRIGHT.search(own):
                return True
        words = _words(el)
        if words and _CHROME_WORDS.search(words) and not _CONTENT_WORDS.search(words):
            return True
        el = el.getparent()
    return False


def _own_text(el) -> str:
    """The text of an element without that of the blocks and tables inside it."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _CONTAINERS and child.tag not in ("table", "ul", "ol"):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return "".join(parts)


def _link_text_len(el) -> int:
    return sum(len(_text(a)) for a in el.iter("a"))


def _select(doc, selector: str):
    if not selector:
        return None
    from lxml.cssselect import CSSSelector  # cssselect is only needed when a mapping asks

    found = CSSSelector(selector)(doc)
    return found[0] if found else None


def content_block(doc, selectors: Selectors):
    """The element holding the body text: a mapped selector, a known CMS block, else the densest."""
    chosen = _select(doc, selectors.body)
    if chosen is not None:
        return chosen
    body = doc.find("body")
    if body is None:
        return None
    named = [el for el in body.iter() if isinstance(el.tag, str) and _CONTENT_WORDS.search(_words(el))]
    named = [el for el in named if len(_text(el)) >= 1 and not _is_chrome(el)]
    if named:
        return max(named, key=lambda el: len(_text(el)) - 2 * _link_text_len(el))
    scores: dict = {}
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag == "a" or _is_chrome(el):
            continue
        own = len((el.text or "").strip()) + sum(len((c.tail or "").strip()) for c in el)
        if not own or any(a.tag == "a" for a in el.iterancestors()):
            continue
        weight = 1.0
        for holder in [el, *el.iterancestors()]:
            if holder.tag in _CONTAINERS:
                scores[holder] = scores.get(holder, 0.0) + own * weight
                weight /= 2
                if weight < 0.5:
                    break
    return max(scores, key=scores.get) if scores else None


def _before(doc, target) -> list:
    """Elements that come before `target` in document order (not its ancestors)."""
    ancestors = set(target.iterancestors())
    out = []
    for el in doc.iter():
        if el is target:
            break
        if isinstance(el.tag, str) and el not in ancestors:
            out.append(el)
    return out


def find_title(doc, block, facts: SiteFacts, selectors: Selectors) -> str:
    chosen = _select(doc, selectors.title)
    if chosen is not None:
        return _text(chosen)
    candidates = []
    for el in _before(doc, block) + list(block.iter()):
        if not isinstance(el.tag, str) or _is_chrome(el) or el.tag == "a":
            continue
        text = _text(el)
        if not 4 <= len(text) <= 150 or text in facts.common_title_parts:
            continue
        if el.tag in ("h1", "h2", "h3") or _TITLE_WORDS.search(_words(el)):
            if not any(isinstance(c.tag, str) and c.tag in ("p", "div", "table", "ul") for c in el):
                candidates.append(el)
    if candidates:
        # the heading nearest the body, preferring an h1, then a named title
        ranked = sorted(
            enumerate(candidates), key=lambda p: (p[1].tag != "h1", not _TITLE_WORDS.search(_words(p[1])), -p[0])
        )
        return _text(ranked[0][1])
    parts = [p for p in title_parts(page_title(doc)) if p not in facts.common_title_parts]
    return max(parts, key=len) if parts else ""


def _valid(y: str, m: str, d: str) -> date | None:
    try:
        found = date(int(y), int(m), int(d))
    except ValueError:
        return None
    return found if found.year >= 1990 else None


def find_date(meta_text: str, body_text: str, today: date) -> date | None:
    """A labelled date near the title, else any date there, else the sign-off date ending the body."""
    for pattern in (_LABELLED_DATE, _ANY_DATE):
        for m in pattern.finditer(meta_text):
            found = _valid(*m.groups())
            if found and found <= today:
                return found
    tail = [m for m in _ANY_DATE.finditer(body_text[-200:])]
    for m in reversed(tail):
        found = _valid(*m.groups())
        if found and found <= today:
            return found
    return None


def find_department(meta_text: str) -> str:
    m = _DEPARTMENT.search(meta_text)
    return m.group(1) if m else ""


def breadcrumb(doc) -> str:
    for el in doc.iter():
        if isinstance(el.tag, str) and _CRUMB_WORDS.search(_words(el)):
            text = _text(el)
            if 0 < len(text) <= 200:
                return text
    for el in doc.iter("div", "span", "p", "td"):
        text = _text(el)
        if text.startswith(("当前位置", "您的位置", "你的位置", "您现在的位置")) and len(text) <= 200:
            return text
    return ""


def resolve_link(href: str, page_path: str, facts: SiteFacts) -> str | None:
    """The mirror path a link points to, if it is a file inside the mirror (never outside it)."""
    href = (href or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    parts = urlsplit(href)
    if parts.scheme in ("http", "https"):
        if not facts.host or parts.netloc.lower() != facts.host.lower():
            return None
        target = parts.path
    elif parts.scheme:
        return None
    else:
        target = parts.path
    target = unquote(target)
    joined = target.lstrip("/") if target.startswith("/") else urljoin("/" + page_path, target).lstrip("/")
    clean = normpath(joined)
    if clean.startswith("..") or clean.startswith("/") or clean in (".", ""):
        return None
    return clean


def attachments(doc, block, path: str, facts: SiteFacts) -> list[str]:
    found: list[str] = []
    for a in doc.iter("a"):
        href = a.get("href", "")
        target = resolve_link(href, path, facts)
        if not target or not target.lower().endswith(ATTACHMENT_SUFFIXES):
            continue
        if _is_chrome(a) and not any(anc is block for anc in a.iterancestors()):
            continue
        if target in facts.existing_files and target not in found:
            found.append(target)
    return found


def _dated_links(doc) -> int:
    count = 0
    for li in doc.iter("li", "tr"):
        links = [a for a in li.iter("a") if a.get("href")]
        if links and _ANY_DATE.search(_text(li)):
            count += 1
    return count


def clean_body(block, meta_nodes: set) -> tuple[str, str]:
    """The block's HTML without the metadata line, the pager and the print/close links."""
    block = etree.fromstring(etree.tostring(block), parser=lxml.html.HTMLParser())
    # `block` is now the parsed fragment's html element; its body holds the copy
    body = block.find("body")
    root = body[0] if body is not None and len(body) else block
    for el in list(root.iter()):
        if el is root or not isinstance(el.tag, str) or el.getparent() is None:
            continue
        text = _text(el)
        if _NOT_BODY_LINE.match(text) or (_is_chrome(el) and el.tag != "table"):
            el.drop_tree()
        elif text in meta_nodes and el.tag in ("div", "p", "span", "td"):
            el.drop_tree()
    for img in list(root.iter("img")):
        img.drop_tree()
    inner = (root.text or "") + "".join(etree.tostring(c, encoding="unicode", method="html") for c in root)
    return inner.strip(), _text(root)


def read_page(
    data: bytes, path: str, facts: SiteFacts, selectors: Selectors = Selectors(), *, today: date
) -> Article | Skipped:
    name = path.rsplit("/", 1)[-1].lower()
    doc = parse(data, path)
    if doc is None:
        return Skipped(path, "空白或无法解析的页面")
    if "/" not in path and name in HOME_NAMES:
        return Skipped(path, "首页")
    forms = doc.xpath("//form[.//input[not(@type) or @type='text' or @type='search']]")
    block = content_block(doc, selectors)
    if block is None:
        return Skipped(path, "没有正文区域")
    block_text = _text(block)
    links = _link_text_len(block)
    density = links / max(len(block_text), 1)
    if _dated_links(block) >= LIST_MIN_DATED_LINKS or (density > MAX_LINK_DENSITY and len(block_text) > 0):
        return Skipped(path, "栏目列表页")
    if _PAGER.search(block_text) and _dated_links(doc) >= LIST_MIN_DATED_LINKS:
        return Skipped(path, "栏目列表页")
    found_attachments = attachments(doc, block, path, facts)
    if len(block_text) - links < MIN_BODY_CHARS and not found_attachments:
        return Skipped(path, "检索或表单页" if forms else "正文过短，不是文章页")
    title = find_title(doc, block, facts, selectors)
    if not title:
        return Skipped(path, "找不到标题")
    meta_nodes, meta_text = _meta(doc, block, title, selectors)
    published = find_date(meta_text, block_text, today)
    if published is None:
        return Skipped(path, "找不到发布日期")
    chosen_department = _select(doc, selectors.department)
    department = _text(chosen_department) if chosen_department is not None else find_department(meta_text)
    body_html, text = clean_body(block, meta_nodes | {title})
    return Article(
        path=path,
        title=title,
        published_on=published,
        department=department,
        body_html=body_html,
        text=text,
        attachments=found_attachments,
        breadcrumb=breadcrumb(doc),
    )


_BLOCKS = {
    "div",
    "p",
    "table",
    "tbody",
    "tr",
    "td",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "form",
}


def _has_blocks(el) -> bool:
    return any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in el.iterdescendants())


def _meta(doc, block, title: str, selectors: Selectors) -> tuple[set, str]:
    """The short lines between the title and the body (and the body's first lines): 发布时间, 来源 …"""
    chosen = _select(doc, selectors.date)
    if chosen is not None:
        text = _text(chosen)
        return {text}, text
    lines: list[str] = []
    seen_title = False
    for el in _before(doc, block):
        text = _text(el)
        if text == title:
            seen_title = True
            lines = []
            continue
        if seen_title and text and len(text) <= 200 and not _is_chrome(el) and not _has_blocks(el):
            lines.append(text)
    head = []
    for el in block.iter():
        if el is block or not isinstance(el.tag, str):
            continue
        text = _text(el)
        if not text or text == title:
            continue
        if len(text) <= 120 and (_LABELLED_DATE.search(text) or _DEPARTMENT.search(text)):
            head.append(text)
        if len(head) >= 3:
            break
    both = lines + head
    return set(both), " ".join(both)
