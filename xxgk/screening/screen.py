"""Screening a file of any type, failing closed: every file is either screened or reported as
unscreenable, with the reason why.

    result = screen(data, "材料.zip", config)
    for part in result.parts:          # each file screened (the file itself, or archive members)
        part.path, part.findings, part.too_many
    for u in result.unscreenable:      # what a person must look at
        u.path, u.reason

An archive (zip, 7z, RAR, tar) is opened and each member screened as its own file (see archives.py for the
limits); a member that cannot be screened, or a limit that is hit, is reported as unscreenable,
naming the member. A file that gives more findings than `Limits.findings` keeps them all in
`part.findings` (masking needs them) but says `part.too_many`, so callers show one item instead
of thousands.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from .archives import ARCHIVE_SUFFIXES, ArchiveError, Budget, Limits, archive_kind, members
from .config import ScreeningConfig, ensure_config
from .document import Extracted, ExtractionError
from .extract import _read_input, extract, sniff_kind
from .findings import Finding
from .scan import scan_extracted

#: Kinds of the items `screen` reports besides findings of personal data.
UNSCREENABLE = "unscreenable"
TOO_MANY = "too_many_findings"
NOTICE_LABELS: dict[str, str] = {
    UNSCREENABLE: "无法自动筛查，需人工确认",
    TOO_MANY: "发现项过多，需人工处理",
}


@dataclass
class Part:
    """One file that was screened: the file itself, or a member of an archive."""

    path: str  # the file's name, or "archive.zip/dir/member.txt"
    member: str | None  # the path inside the outermost archive, None for the file itself
    extracted: Extracted
    findings: list[Finding]
    limit: int
    embedded: bool = False  # a picture inside a document (see embedded.py), read by OCR

    @property
    def too_many(self) -> bool:
        return len(self.findings) > self.limit


@dataclass(frozen=True)
class Unscreenable:
    """A file or archive member that could not be screened automatically, and why."""

    path: str
    member: str | None
    reason: str


@dataclass
class Screened:
    name: str
    parts: list[Part] = field(default_factory=list)
    unscreenable: list[Unscreenable] = field(default_factory=list)

    @property
    def is_archive(self) -> bool:
        return any(p.member is not None and not p.embedded for p in self.parts) or _is_archive(self.name)

    @property
    def findings_count(self) -> int:
        return sum(len(p.findings) for p in self.parts)


def _is_archive(name: str | None) -> bool:
    return bool(name) and name.lower().endswith(ARCHIVE_SUFFIXES)


def screen(data: bytes, name: str, config: ScreeningConfig | None = None, limits: Limits | None = None) -> Screened:
    """Screen `data` (a file called `name`): findings of every file in it, and what could not be screened."""
    config = ensure_config(config)
    limits = limits or Limits()
    result = Screened(name)
    budget = Budget(members=limits.members, total_bytes=limits.total_bytes)
    _screen(data, name, None, 0, config, limits, budget, result)
    return result


def screen_path(
    path: str | os.PathLike, config: ScreeningConfig | None = None, limits: Limits | None = None
) -> Screened:
    """`screen` a file on disk; a file that cannot be read is reported as unscreenable."""
    name = os.fspath(path)
    try:
        data, _name = _read_input(path, name)
    except ExtractionError as exc:
        return Screened(name, unscreenable=[Unscreenable(name, None, exc.why)])
    return screen(data, name, config, limits)


def _screen(data, path, member, depth, config, limits, budget, result) -> None:
    kind = archive_kind(data, path)
    if kind is not None:
        if depth >= limits.depth:
            result.unscreenable.append(Unscreenable(path, member, f"压缩包嵌套超过 {limits.depth} 层"))
            return
        try:
            for m in members(data, limits, budget, kind):
                inner = f"{member}/{m.name}" if member else m.name
                if m.data is None:
                    result.unscreenable.append(Unscreenable(f"{path}/{m.name}", inner, m.problem or ""))
                    continue
                _screen(m.data, f"{path}/{m.name}", inner, depth + 1, config, limits, budget, result)
        except ArchiveError as exc:
            result.unscreenable.append(Unscreenable(path, member, exc.why))
        return
    shown = PurePosixPath(path).name if member else path
    try:
        extracted = extract(data, shown)
    except ExtractionError as exc:
        result.unscreenable.append(Unscreenable(path, member, exc.why))
        return
    reasons = list(extracted.unscreened)  # pages OCR could not read, each named
    if not extracted.has_text_layer and not reasons:
        reasons.append("；".join(extracted.warnings) or "没有可读取的文字")
    for why in reasons:
        result.unscreenable.append(Unscreenable(path, member, why))
    findings = scan_extracted(extracted, config)
    result.parts.append(Part(path, member, extracted, findings, limits.findings))
    if extracted.pictures:
        _screen_pictures(extracted.pictures, path, member, config, limits, budget, result)


def _screen_pictures(found, path, member, config, limits, budget, result) -> None:
    """The pictures inside a document (`Extracted.pictures`: an Office document's media, also when
    converted from a legacy format, a PDF's pictures on pages with text), each read by OCR and
    screened as a part of its own."""
    from .embedded import EMBEDDED_PREFIX, MAX_PICTURES
    from .extractors.image import extract_image

    if len(found) > MAX_PICTURES:
        why = f"文档中有 {len(found)} 张图片，超过文字识别的上限 {MAX_PICTURES} 张，无法自动筛查，需人工审看"
        result.unscreenable.append(Unscreenable(path, member, why))
        return
    for picture in found:
        part_name, size = picture.name, picture.size
        inner = f"{member + '/' if member else ''}{EMBEDDED_PREFIX}{part_name}"
        where = f"{path}/{EMBEDDED_PREFIX}{part_name}"
        if size > budget.total_bytes:
            result.unscreenable.append(Unscreenable(where, inner, "图片超过筛查的总大小上限"))
            continue
        budget.total_bytes -= size
        try:
            read = extract_image(picture.read(), PurePosixPath(part_name).name)
        except (ExtractionError, ValueError) as exc:
            result.unscreenable.append(Unscreenable(where, inner, getattr(exc, "why", str(exc))))
            continue
        # a photo or a logo has no text, which is fine inside a document; text OCR cannot trust is not
        for why in read.unscreened:
            if "未识别出文字" not in why:
                result.unscreenable.append(Unscreenable(where, inner, why))
        findings = scan_extracted(read, config)
        result.parts.append(Part(where, inner, read, findings, limits.findings, embedded=True))


def needs_ocr(data: bytes, name: str) -> bool:
    """Whether screening this file would take OCR (an image, a PDF with a scanned page or a picture
    worth reading, an Office document with pictures in it): such a
    file is slow to screen and belongs outside a web request. Cheap: nothing is rendered."""
    if _is_archive(name):
        return False
    try:
        kind = sniff_kind(data, name)
    except ExtractionError:
        return False
    if kind == "image":
        return True
    if kind in ("docx", "xlsx", "pptx"):
        from .embedded import pictures

        return bool(pictures(data))
    if kind == "pdf":
        from .extractors.pdf import needs_ocr as pdf_needs_ocr

        return pdf_needs_ocr(data)
    return False
