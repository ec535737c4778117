"""A letter whose attachment has a 108-character Chinese name (over 255 bytes) is kept, not lost to a 500."""

import os

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.oversight.conftest import write

LONG_CJK = "关于二〇二四年度学生奖助学金评审结果及家庭经济困难学生认定名单的公示附件" * 3


def test_a_letter_with_a_long_attachment_name_is_kept(world):
    upload = SimpleUploadedFile(LONG_CJK + ".txt", "补充说明".encode(), content_type="text/plain")
    letter, _password = write(world.president_box, files=[upload])
    attachment = letter.attachments.get()
    assert attachment.name.endswith(".txt")
    assert os.path.exists(attachment.file.path)
    assert len(os.path.basename(attachment.file.name).encode()) <= 255
