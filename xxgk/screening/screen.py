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
        return any(p.member is not None for p in self.parts) or _is_archive(self.name)

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


def needs_ocr(data: bytes, name: str) -> bool:
    """Whether screening this file would take OCR (an image, or a PDF with a scanned page): such a
    file is slow to screen and belongs outside a web request. Cheap: nothing is rendered."""
    if _is_archive(name):
        return False
    try:
        kind = sniff_kind(data, name)
    except ExtractionError:
        return False
    if kind == "image":
        return True
    if kind == "pdf":
        from .extractors.pdf import needs_ocr as pdf_needs_ocr

        return pdf_needs_ocr(data)
    return False
