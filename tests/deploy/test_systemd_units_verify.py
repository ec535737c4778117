"""The systemd units in deploy/systemd pass `systemd-analyze verify` once installed: with the checkout at
/srv/xxgk, its .venv and the environment file in place (here: this checkout, this virtualenv, a copy of
the template), every key is known, every command exists and the timer names its service."""

from __future__ import annotations

import getpass
import shutil
import subprocess

import pytest

from tests.deploy.shipped import DEPLOY, ROOT, venv_bin

UNITS = ["xxgk.service", "xxgk-worker.service", "xxgk-scheduler.service", "xxgk-backup.service", "xxgk-backup.timer"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_units_verify(tmp_path):
    env_file = tmp_path / "xxgk.env"
    shutil.copy(DEPLOY / "xxgk.env.example", env_file)
    user = getpass.getuser()
    for unit in UNITS:
        text = (DEPLOY / "systemd" / unit).read_text(encoding="utf-8")
        text = text.replace("/srv/xxgk/.venv/bin", str(venv_bin())).replace("/srv/xxgk", str(ROOT))
        text = text.replace("/etc/xxgk/xxgk.env", str(env_file))
        text = text.replace("User=xxgk", f"User={user}").replace("Group=xxgk", f"Group={user}")
        (tmp_path / unit).write_text(text, encoding="utf-8")
    assert "xxgk worker" in (tmp_path / "xxgk-worker.service").read_text()
    done = subprocess.run(
        ["systemd-analyze", "verify", *(str(tmp_path / u) for u in UNITS)], capture_output=True, text=True, timeout=60
    )
    problems = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert done.returncode == 0 and problems == [], "\n".join(problems)
