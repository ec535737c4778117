"""Legacy Office files made at test time: a .docx/.xlsx/.pptx built here, saved by LibreOffice
as .doc/.xls/.ppt (what `make system-deps` installs; without it these tests are skipped)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed: run `make system-deps`"
)

_FILTERS = {"doc": "doc:MS Word 97", "xls": "xls:MS Excel 97", "ppt": "ppt:MS PowerPoint 97"}


def save_as(src: Path, fmt: str) -> bytes:
    """`src` saved by LibreOffice in the legacy format `fmt` ("doc", "xls", "ppt")."""
    out = src.parent / f"{fmt}-out"
    profile = src.parent / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", _FILTERS[fmt]]
        + ["--outdir", str(out), str(src)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (out / f"{src.stem}.{fmt}").read_bytes()
