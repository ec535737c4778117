"""A small export of the personas' institution (tests/personas.py) and a way to change one member of it."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import date
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.foi.conftest import applicant
from xxgk.foi import services as foi
from xxgk.publishing import services as publishing
from xxgk.transfer.exporter import export_institution


def small_export(world, path: Path) -> Path:
    """hblg with a published record with an attachment and an application, exported to `path`."""
    record = world.draft(title="2024年校园开放日安排")
    publishing.add_attachment(world.drafter_a, record, SimpleUploadedFile("日程.txt", "上午参观实验室。".encode()))
    publishing.submit(world.drafter_a, record)
    world.through_chain(record)
    foi.submit_online(world.institution, applicant(), today=date(2024, 3, 1))
    export_institution(world.institution, path)
    return path


def rewrite(path: Path, member: str, change, *, fix_manifest: bool) -> None:
    """Replace `member` by change(its bytes); with `fix_manifest` its checksum is updated too."""
    with zipfile.ZipFile(path) as old:
        members = {info.filename: old.read(info.filename) for info in old.infolist()}
    members[member] = change(members[member])
    if fix_manifest:
        manifest = json.loads(members["manifest.json"])
        manifest["files"][member] = hashlib.sha256(members[member]).hexdigest()
        members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w") as new:
        for name, data in members.items():
            new.writestr(name, data)
