"""File names people give and names the file system and the database can hold.

A name shown to people (`display_name`) keeps its extension and at most `DISPLAY_CHARS`
characters; a name given to storage (`storage_name`) keeps its extension and at most
`STORAGE_BYTES` bytes of UTF-8, well under the 255 bytes a file system allows per path
component (Chinese characters take three bytes each, so 90 of them are already too many),
leaving room for the suffix storage adds when a name is taken.
"""

from __future__ import annotations

import unicodedata

DISPLAY_CHARS = 200  # the name columns of the attachment models
STORAGE_BYTES = 120
_MAX_EXTENSION = 10


def _split(name: str) -> tuple[str, str]:
    """The stem and the extension (with its dot; empty when there is none or it is implausibly long)."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or len(ext) > _MAX_EXTENSION:
        return name, ""
    return stem, "." + ext


def _clean(name: str) -> str:
    """Only the last path component, without control characters or surrounding spaces and dots."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    return name.strip().strip(".").strip() or "file"


def display_name(name: str, limit: int = DISPLAY_CHARS) -> str:
    stem, ext = _split(_clean(name))
    return stem[: max(limit - len(ext), 1)] + ext


def storage_name(name: str, limit: int = STORAGE_BYTES) -> str:
    stem, ext = _split(_clean(name))
    room = max(limit - len(ext.encode()), 8)
    out = stem.encode()[:room].decode(errors="ignore")  # never half a character
    return (out or "file") + ext
