"""A record attachment with a 264-character name is kept with its name shortened to the column, extension kept."""

import os

from django.core.files.uploadedfile import SimpleUploadedFile

from xxgk.core.filenames import DISPLAY_CHARS
from xxgk.publishing import services


def test_a_record_attachment_with_a_264_character_name_is_kept(world):
    record = world.draft()
    upload = SimpleUploadedFile("附" * 264 + ".txt", "正文".encode(), content_type="text/plain")
    attachment = services.add_attachment(world.drafter_a, record, upload)
    attachment.refresh_from_db()
    assert len(attachment.name) <= DISPLAY_CHARS and attachment.name.endswith(".txt")
    assert os.path.exists(attachment.file.path)
