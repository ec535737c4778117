"""deploy/gunicorn.conf.py loads with the app under the template's environment (`gunicorn --check-config`),
and takes its bind address, worker count and timeout from it."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys

from tests.deploy.shipped import DEPLOY, ROOT


def test_gunicorn_checks_the_config_and_the_app(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"PYTEST_CURRENT_TEST", "DATABASE_URL", "REDIS_URL"}}
    env.update(
        SECRET_KEY="s" * 10 + "-a-long-enough-key-for-the-check-of-the-start-0123456789",
        XXGK_SITE_URL="https://xxgk.example.edu.cn",
        ALLOWED_HOSTS="xxgk.example.edu.cn",
        XXGK_VAR_DIR=str(tmp_path),
    )
    done = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--check-config", "--config", str(DEPLOY / "gunicorn.conf.py"), "xxgk.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("XXGK_BIND", "127.0.0.1:9001")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "90")
    monkeypatch.setenv("XXGK_TRUSTED_PROXIES", "10.0.0.0/8,unix")
    monkeypatch.setenv("XXGK_LOG_FORMAT", "json")
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert (config["bind"], config["workers"], config["timeout"]) == ("127.0.0.1:9001", 3, 90)
    assert config["forwarded_allow_ips"] == "10.0.0.0/8" and config["accesslog"] is None
