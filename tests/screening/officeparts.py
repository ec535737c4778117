"""Helpers for the tests of personal data in the less visible parts of Office files:
editing a package's XML with zipfile, and looking for a value in every part of a package."""

from __future__ import annotations

import zipfile
from pathlib import Path

ID = "11010519491231002X"  # the GB 11643 example number
MOBILE = "13912345678"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def edit_package(path: Path, changes: dict, add: dict | None = None) -> Path:
    """Rewrite the zip at `path`: `changes` maps a member to a function of its text;
    `add` maps new members to their text."""
    with zipfile.ZipFile(path) as zin:
        items = [(item, zin.read(item.filename)) for item in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item, data in items:
            if item.filename in changes:
                data = changes[item.filename](data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)
        for member, text in (add or {}).items():
            zout.writestr(member, text)
    return path


def parts_holding(path: Path, value: str) -> list[str]:
    """The members of the package whose bytes contain `value`."""
    with zipfile.ZipFile(path) as zf:
        return [n for n in zf.namelist() if value.encode("utf-8") in zf.read(n)]


def add_to_body(path: Path, xml: str) -> Path:
    """Append `xml` (WordprocessingML, `w:` prefix) just before the body's final sectPr."""

    def change(doc: str) -> str:
        at = doc.rindex("<w:sectPr")
        return doc[:at] + xml + doc[at:]

    return edit_package(path, {"word/document.xml": change})
