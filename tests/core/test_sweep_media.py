"""A file no row names (left by a process killed before its transaction committed) is swept once it
is old enough; files rows name, and young files, are kept."""

import io
import os
import time

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from xxgk.publishing import services


def _age(path, hours):
    old = time.time() - hours * 3600
    os.utime(path, (old, old))


def test_old_orphans_are_swept_and_named_files_kept(world):
    record = world.draft()
    attachment = services.add_attachment(
        world.drafter_a, record, SimpleUploadedFile("说明.txt", "正文".encode(), content_type="text/plain")
    )
    kept = attachment.file.path
    orphan = os.path.join(settings.MEDIA_ROOT, "records", "hblg", "999", "孤立.txt")
    young = os.path.join(settings.MEDIA_ROOT, "records", "hblg", "999", "刚写入.txt")
    os.makedirs(os.path.dirname(orphan), exist_ok=True)
    for path in (orphan, young):
        with open(path, "w") as handle:
            handle.write("x")
    _age(orphan, 2)
    _age(kept, 2)

    out = io.StringIO()
    call_command("sweep_media", "--dry-run", stdout=out)
    assert "孤立.txt" in out.getvalue() and os.path.exists(orphan)

    call_command("sweep_media", stdout=io.StringIO())
    assert not os.path.exists(orphan)
    assert os.path.exists(kept) and os.path.exists(young)
