"""A file no row names (left by a process killed before its transaction committed) is swept once it
is a day old, after being listed (the dry run); files rows name — by a FileField or as a message's
attachment — young files, and a file a row came to name after the listing are kept."""

import io
import logging
import os
import time

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from xxgk.core import orphans
from xxgk.notify import services as notify
from xxgk.publishing import services


def _age(path, hours):
    old = time.time() - hours * 3600
    os.utime(path, (old, old))


def _write(name: str, hours: float) -> str:
    path = os.path.join(settings.MEDIA_ROOT, "records", "hblg", "999", name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as handle:
        handle.write("x")
    _age(path, hours)
    return path


def test_old_orphans_are_swept_and_named_files_kept(world, settings, caplog):
    settings.XXGK_MESSAGES_SEND_AFTER_COMMIT = False
    record = world.draft()
    attachment = services.add_attachment(
        world.drafter_a, record, SimpleUploadedFile("说明.txt", "正文".encode(), content_type="text/plain")
    )
    kept = attachment.file.path
    _age(kept, 48)
    orphan = _write("孤立.txt", 25)
    young = _write("刚写入.txt", 2)  # an hour-old file may still belong to a transaction
    mailed = _write("答复书.pdf", 48)  # named only by a message still to be sent
    notify.queue(
        "oversight.replied",
        institution=world.institution,
        to="writer@example.org",
        about=world.institution,
        context={"letter": {"code": "XJ-2", "subject": "宿舍"}},
        attachments=[{"name": "答复书.pdf", "path": "records/hblg/999/答复书.pdf"}],
    )

    out = io.StringIO()
    call_command("sweep_media", "--dry-run", stdout=out)
    assert "孤立.txt" in out.getvalue() and "未删除" in out.getvalue() and os.path.exists(orphan)
    assert "刚写入" not in out.getvalue() and "答复书" not in out.getvalue() and "说明" not in out.getvalue()

    with caplog.at_level(logging.INFO, logger="xxgk.core.orphans"):
        call_command("sweep_media", stdout=io.StringIO())
    assert "orphan file: records/hblg/999/孤立.txt" in caplog.text  # listed before it went
    assert not os.path.exists(orphan)
    assert os.path.exists(kept) and os.path.exists(young) and os.path.exists(mailed)


def test_a_file_named_by_a_row_after_the_listing_is_kept(db, monkeypatch):
    late = _write("迟到.txt", 30)
    name = "records/hblg/999/迟到.txt"
    readings = iter([set(), {name}])  # nobody names it when listed; a row does just before the deletion
    monkeypatch.setattr(orphans, "referenced", lambda: next(readings))
    found, deleted = orphans.sweep(24 * 3600)
    assert name in found and deleted == [] and os.path.exists(late)
