"""Screening (隐私屏蔽 and 保密审查): find personal data and secrecy markings in text and
documents (txt, docx, xlsx, pdf, images and scanned pages read by OCR, and zip archives of
them), and write masked copies.

A pure library: no Django. The Django apps and the `xxgk scan` command call it.

    from xxgk.screening import scan_file, scan_text, mask_file, ScreeningConfig
    result = scan_file("名单.xlsx", ScreeningConfig(allow_list=["0898-88888888"]))
    for f in result.findings:
        print(f.kind, f.text, f.confidence, f.reason, f.location)

    # any file, failing closed: what could not be screened is reported, never skipped
    result = screen(data, "材料.zip", config)   # result.parts, result.unscreenable

The hot modules of pattern screening are compiled with Cython at install time (`extensions.py`);
`compiled_status()` says whether this process runs them compiled ("compiled", "python", "partial").
"""

# first: an extension built from another version of its source must lose to that source (extensions.py)
from .extensions import compiled
from .extensions import status as compiled_status

# isort: split
from .archives import ARCHIVE_SUFFIXES, Limits
from .config import MASK_STYLES, ScreeningConfig, normalise
from .document import Extracted, ExtractionError, Segment
from .embedded import EMBEDDED_PREFIX
from .extract import SUPPORTED_SUFFIXES, extract
from .findings import KIND_LABELS, KINDS, PATTERN_KINDS, Finding
from .mask import mask_text, mask_value, masked
from .masking_files import MaskReport, mask_file, masking_refused, write_masked
from .rules import load_rules
from .scan import ScanResult, scan_extracted, scan_file, scan_text
from .screen import (
    NOTICE_LABELS,
    TOO_MANY,
    UNSCREENABLE,
    Part,
    Screened,
    Unscreenable,
    needs_ocr,
    screen,
    screen_path,
)

__all__ = [
    "KINDS",
    "PATTERN_KINDS",
    "KIND_LABELS",
    "MASK_STYLES",
    "SUPPORTED_SUFFIXES",
    "ARCHIVE_SUFFIXES",
    "NOTICE_LABELS",
    "UNSCREENABLE",
    "TOO_MANY",
    "Limits",
    "Part",
    "Screened",
    "Unscreenable",
    "screen",
    "screen_path",
    "EMBEDDED_PREFIX",
    "needs_ocr",
    "Finding",
    "ScanResult",
    "Extracted",
    "Segment",
    "ExtractionError",
    "ScreeningConfig",
    "MaskReport",
    "extract",
    "scan_text",
    "scan_file",
    "scan_extracted",
    "mask_text",
    "mask_value",
    "masked",
    "mask_file",
    "masking_refused",
    "write_masked",
    "normalise",
    "load_rules",
    "compiled",
    "compiled_status",
]
