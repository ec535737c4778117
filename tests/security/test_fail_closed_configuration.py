"""With DEBUG off, a missing SECRET_KEY or ALLOWED_HOSTS=* (without XXGK_SITE_URL) stops the real process.

Each case starts a fresh Python process with the environment a production box would have: the
WSGI module (what gunicorn imports), `xxgk runserver`, and other commands.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
IMPORT_WSGI = "import xxgk.wsgi; print('built', xxgk.wsgi.application.__class__.__name__)"
PRINT_KEY = "from django.conf import settings; print(settings.SECRET_KEY)"
GOOD_KEY = "k7Qm2v9XwL0pR4sT8uY1zA3bC6dE5fG" * 2


def run(args, tmp_path, timeout=60, **env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "PYTEST_CURRENT_TEST",
            "SECRET_KEY",
            "DEBUG",
            "XXGK_DEV",
            "ALLOWED_HOSTS",
            "XXGK_SITE_URL",
            "DATABASE_URL",
        }
    }
    base.update({"DJANGO_SETTINGS_MODULE": "xxgk.settings", "XXGK_VAR_DIR": str(tmp_path), "DEBUG": "0"})
    base.update(env)
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=tmp_path, env=base, timeout=timeout
    )


def test_the_wsgi_application_is_not_built_without_a_secret_key(tmp_path):
    done = run(["-c", IMPORT_WSGI], tmp_path)
    assert done.returncode != 0 and "built" not in done.stdout
    assert "未设置 SECRET_KEY" in done.stderr and "refusing to start" in done.stderr


def test_runserver_refuses_without_a_secret_key(tmp_path):
    done = run(["-m", "xxgk", "runserver", "127.0.0.1:0", "--noreload"], tmp_path)
    assert done.returncode == 2
    assert "未设置 SECRET_KEY" in done.stderr


@pytest.mark.parametrize("command", [["migrate", "--no-input"], ["demo"], ["shell", "-c", "print(1)"]])
def test_other_commands_refuse_without_a_secret_key(tmp_path, command):
    done = run(["-m", "xxgk", *command], tmp_path)
    assert done.returncode == 2 and "未设置 SECRET_KEY" in done.stderr
    assert not (tmp_path / "xxgk.sqlite3").exists() or command[0] != "migrate"


def test_check_deploy_runs_without_a_key_and_names_it(tmp_path):
    done = run(["-m", "xxgk", "check", "--deploy"], tmp_path)
    assert done.returncode == 1  # an error among the findings
    assert "xxgk.E001" in done.stderr and "xxgk.W002" in done.stderr and "xxgk.W003" in done.stderr


def test_no_publicly_known_key_even_where_a_command_runs(tmp_path):
    first, second = (run(["-c", PRINT_KEY], tmp_path).stdout.strip() for _ in range(2))
    assert first and second and first != second
    assert "unset" not in first and "dev-only" not in first


def test_with_a_key_the_application_is_built(tmp_path):
    done = run(["-c", IMPORT_WSGI], tmp_path, SECRET_KEY=GOOD_KEY)
    assert done.returncode == 0, done.stderr
    assert "built WSGIHandler" in done.stdout


def test_the_public_development_key_is_no_key_for_a_server(tmp_path):
    done = run(["-c", IMPORT_WSGI], tmp_path, XXGK_DEV="1")
    assert done.returncode != 0 and "开发用密钥" in done.stderr
    # commands on a development machine still run with it
    assert run(["-m", "xxgk", "version"], tmp_path, XXGK_DEV="1").returncode == 0
    assert run(["-m", "xxgk", "migrate", "--no-input", "-v", "0"], tmp_path, XXGK_DEV="1").returncode == 0


def test_debug_on_needs_no_key(tmp_path):
    done = run(["-c", IMPORT_WSGI], tmp_path, DEBUG="1")
    assert done.returncode == 0, done.stderr


def test_any_host_refuses_unless_the_site_url_is_set(tmp_path):
    done = run(["-c", IMPORT_WSGI], tmp_path, SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="*")
    assert done.returncode != 0 and "ALLOWED_HOSTS" in done.stderr and "XXGK_SITE_URL" in done.stderr
    done = run(
        ["-c", IMPORT_WSGI], tmp_path, SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="*", XXGK_SITE_URL="https://xxgk.hblg.edu.cn"
    )
    assert done.returncode == 0, done.stderr


def test_a_malformed_site_url_stops_everything(tmp_path):
    done = run(["-c", IMPORT_WSGI], tmp_path, SECRET_KEY=GOOD_KEY, XXGK_SITE_URL="xxgk.hblg.edu.cn/path")
    assert done.returncode != 0 and "XXGK_SITE_URL must be like" in done.stderr
