"""An import that fails part-way (here: a row naming a row the archive does not hold, after the files were
written) leaves neither rows nor files nor users behind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from tests.transfer.archives import rewrite, small_export
from xxgk.core import stored_files
from xxgk.org.models import Institution
from xxgk.publishing.models import Attachment


def _point_elsewhere(data: bytes) -> bytes:
    rows = json.loads(data)
    rows[0]["fields"]["attachment"] = 10**9
    return json.dumps(rows).encode()


def test_nothing_is_left(world, tmp_path, settings, monkeypatch, django_capture_on_commit_callbacks):
    archive = small_export(world, tmp_path / "hblg.zip")
    rewrite(archive, "data/publishing.AttachmentScreening.json", _point_elsewhere, fix_manifest=True)
    settings.MEDIA_ROOT = tmp_path / "import-media"
    users, attachments = get_user_model().objects.count(), Attachment.objects.count()
    get_user_model().objects.filter(username="drafter_a").update(username="drafter_a_renamed")  # to be created

    written = []
    save = stored_files.save
    monkeypatch.setattr(stored_files, "save", lambda *args: written.append(save(*args)) or written[-1])
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(CommandError, match="不存在"):
        call_command("import", str(archive), "--as", "hblg-copy")

    assert written  # the attachment's file was in storage before the import failed

    assert not Institution.objects.filter(slug="hblg-copy").exists()
    assert Attachment.objects.count() == attachments
    assert (
        get_user_model().objects.count() == users and not get_user_model().objects.filter(username="drafter_a").exists()
    )
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or [p for p in media.rglob("*") if p.is_file()] == []
