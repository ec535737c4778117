"""Scanning: run the detectors over extracted text and keep what is worth reporting."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .config import ScreeningConfig, ensure_config
from .detectors import NAME_DETECTOR, PATTERN_DETECTORS, Context
from .document import Extracted
from .extract import extract, from_text
from .findings import Finding, resolve_overlaps


@dataclass
class ScanResult:
    """What scanning one file gave: the extracted text and the findings in it."""

    path: str | None
    extracted: Extracted
    findings: list[Finding] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return self.extracted.warnings

    @property
    def has_text_layer(self) -> bool:
        return self.extracted.has_text_layer

    @property
    def needs_manual_review(self) -> bool:
        """True when the machine could not read all of it (e.g. a scan OCR cannot read)."""
        return not self.extracted.has_text_layer or bool(self.extracted.unscreened)

    @property
    def clean(self) -> bool:
        return not self.findings and not self.needs_manual_review


def pattern_findings(ctx: Context) -> list[Finding]:
    """Raw findings of every pattern detector (before allow-list, overlaps and threshold)."""
    out: list[Finding] = []
    kinds = ctx.kinds
    for detector in PATTERN_DETECTORS:
        if kinds.isdisjoint(detector.KINDS):
            continue
        found = list(detector.detect(ctx))
        if not kinds.issuperset(detector.KINDS):
            found = [f for f in found if f.kind in kinds]
        out.extend(found)
    return out


def scan_extracted(extracted: Extracted, config: ScreeningConfig | None = None) -> list[Finding]:
    """The findings in already extracted text, sorted by position."""
    config = ensure_config(config)
    if not extracted.text:
        return []
    ctx = Context(extracted, config)
    raw = pattern_findings(ctx)
    if config.allow_list:
        raw = [f for f in raw if not config.is_allowed(f)]
    if "person_name" in ctx.kinds:
        names = NAME_DETECTOR.detect(ctx, raw)
        raw.extend(f for f in names if not config.is_allowed(f))
    findings = [f for f in resolve_overlaps(raw) if f.confidence >= config.min_confidence]
    if extracted.kind == "txt":
        findings = _with_line_numbers(extracted.text, findings)
    return findings


def _with_line_numbers(text: str, findings: list[Finding]) -> list[Finding]:
    out = []
    line, pos = 1, 0
    for f in findings:
        line += text.count("\n", pos, f.start)
        pos = f.start
        out.append(f._replace(location=f"line:{line}"))
    return out


def scan_text(text: str, config: ScreeningConfig | None = None) -> list[Finding]:
    """The findings in a string (offsets are into `text`)."""
    return scan_extracted(from_text(text), config)


def scan_file(path: str | os.PathLike, config: ScreeningConfig | None = None) -> ScanResult:
    """Extract a txt/docx/xlsx/pdf file and scan it. Raises `ExtractionError` if unreadable."""
    extracted = extract(path)
    return ScanResult(os.fspath(path), extracted, scan_extracted(extracted, config))
