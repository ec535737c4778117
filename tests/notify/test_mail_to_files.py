"""EMAIL_BACKEND and EMAIL_FILE_PATH from the environment: a deployment or a test writes mail to files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_settings_read_the_file_backend_from_the_environment(tmp_path: Path):
    env = {
        **os.environ,
        "XXGK_DEV": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "xxgk.settings",
    }
    code = (
        "import django; django.setup();"
        "from django.core.mail import send_mail;"
        "send_mail('主题', '正文', 'xxgk@localhost', ['a@example.org'])"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=120)
    files = list(tmp_path.iterdir())
    assert len(files) == 1
    assert "a@example.org" in files[0].read_text(encoding="utf-8")
