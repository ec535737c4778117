"""Reading a whole saved site (what `wget --mirror` leaves) with its mapping file.

No Django here. `read_mirror(root, mapping)` walks the folder, learns what every page repeats
(the site's name in the titles), reads each page with `pages.read_page` and applies the
mapping: which 清单 item and department a column's articles belong to.

Mapping file (YAML), every part optional::

    columns:
      - prefix: zsxx/           # pages under this folder of the mirror
        item: 7                 # 清单 item number
        department: 招生办公室
      - breadcrumb: 财务信息     # or pages whose 当前位置 line contains this text
        item: 24
    selectors:                  # CSS selectors, when the heuristics fail on a layout
      title: h1.arti-title
      body: div.article
      date: p.arti-meta
      department: span.source
    skip: [search/, about/]     # folders never read
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from .pages import PAGE_SUFFIXES, Article, Selectors, SiteFacts, Skipped, page_title, parse, read_page, title_parts

MAX_PAGE_BYTES = 5 * 1024 * 1024


class MappingError(ValueError):
    pass


@dataclass(frozen=True)
class Column:
    prefix: str = ""
    breadcrumb: str = ""
    item: int | None = None
    department: str = ""

    def matches(self, article: Article) -> bool:
        if self.prefix and article.path.startswith(self.prefix.lstrip("/")):
            return True
        return bool(self.breadcrumb) and self.breadcrumb in article.breadcrumb


@dataclass(frozen=True)
class Mapping:
    columns: tuple[Column, ...] = ()
    selectors: Selectors = Selectors()
    skip: tuple[str, ...] = ()

    def column_for(self, article: Article) -> Column | None:
        return next((c for c in self.columns if c.matches(article)), None)


def load_mapping(path: str | os.PathLike | None) -> Mapping:
    if not path:
        return Mapping()
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise MappingError(f"映射文件无法读取：{exc}") from exc
    if not isinstance(raw, dict):
        raise MappingError("映射文件应是一个 YAML 映射（columns / selectors / skip）")
    columns = []
    for entry in raw.get("columns") or []:
        if not isinstance(entry, dict) or not (entry.get("prefix") or entry.get("breadcrumb")):
            raise MappingError(f"columns 的每一项要有 prefix 或 breadcrumb：{entry!r}")
        item = entry.get("item")
        if item is not None and not (isinstance(item, int) and item > 0):
            raise MappingError(f"item 应是清单事项的编号：{entry!r}")
        columns.append(
            Column(
                prefix=str(entry.get("prefix") or ""),
                breadcrumb=str(entry.get("breadcrumb") or ""),
                item=item,
                department=str(entry.get("department") or ""),
            )
        )
    chosen = raw.get("selectors") or {}
    if not isinstance(chosen, dict) or set(chosen) - {"title", "body", "date", "department"}:
        raise MappingError("selectors 只能有 title、body、date、department")
    selectors = Selectors(**{k: str(v) for k, v in chosen.items()})
    for css in filter(None, (selectors.title, selectors.body, selectors.date, selectors.department)):
        try:
            from cssselect import GenericTranslator, SelectorError

            GenericTranslator().css_to_xpath(css)
        except SelectorError as exc:
            raise MappingError(f"CSS 选择器无法理解：{css}") from exc
    skip = tuple(str(s).lstrip("/") for s in raw.get("skip") or [])
    return Mapping(columns=tuple(columns), selectors=selectors, skip=skip)


@dataclass
class Reading:
    root: Path
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    columns: dict[str, Column | None] = field(default_factory=dict)


def _files(root: Path) -> list[str]:
    found = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs.sort()
        for name in sorted(names):
            full = Path(folder) / name
            if full.is_symlink() or not full.is_file():
                continue
            found.append(full.relative_to(root).as_posix())
    return found


def site_facts(root: Path, pages: list[str]) -> SiteFacts:
    counts: Counter[str] = Counter()
    for path in pages:
        doc = parse(_read(root, path), path)
        if doc is not None:
            counts.update(set(title_parts(page_title(doc))))
    enough = max(3, len(pages) // 2)
    common = frozenset(part for part, n in counts.items() if n >= enough)
    return SiteFacts(common_title_parts=common, existing_files=frozenset(_files(root)), host=root.name)


def _read(root: Path, path: str) -> bytes:
    with open(root / path, "rb") as f:
        return f.read(MAX_PAGE_BYTES + 1)


def read_mirror(root: str | os.PathLike, mapping: Mapping = Mapping(), *, today: date) -> Reading:
    root = Path(root).resolve()
    if not root.is_dir():
        raise MappingError(f"不是目录：{root}")
    files = _files(root)
    pages = [p for p in files if p.lower().endswith(PAGE_SUFFIXES) and not p.startswith(mapping.skip)]
    facts = site_facts(root, pages)
    reading = Reading(root=root)
    for path in pages:
        data = _read(root, path)
        if len(data) > MAX_PAGE_BYTES:
            reading.skipped.append(Skipped(path, "页面过大"))
            continue
        found = read_page(data, path, facts, mapping.selectors, today=today)
        if isinstance(found, Skipped):
            reading.skipped.append(found)
            continue
        reading.articles.append(found)
        reading.columns[path] = mapping.column_for(found)
    return reading
