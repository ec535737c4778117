"""Fresh places to restore into: a new SQLite file, or a new PostgreSQL database on the server the suite
runs on (named after the test database, dropped afterwards), and a new media folder; and the command
line run there in its own process, as an operator would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Place:
    database_url: str
    media_root: Path

    def env(self) -> dict:
        env = {
            k: v for k, v in os.environ.items() if k not in {"TEST_DATABASE_NAME", "PYTEST_CURRENT_TEST", "REDIS_URL"}
        }
        env.update(
            DATABASE_URL=self.database_url,
            MEDIA_ROOT=str(self.media_root),
            XXGK_DEV="1",
            DJANGO_SETTINGS_MODULE="xxgk.settings",
        )
        return env

    def xxgk(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "xxgk", *args], cwd=ROOT, env=self.env(), capture_output=True, text=True, timeout=900
        )

    def snapshot(self, out: Path, *queries: str) -> dict:
        done = subprocess.run(
            [sys.executable, "-m", "tests.backup.snapshot", str(out), *queries],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture
def fresh_place(tmp_path):
    """Where nothing is yet: the same kind of database as the suite's, and an empty media folder."""
    media = tmp_path / "restored-media"
    if connection.vendor == "sqlite":
        yield Place(f"sqlite:///{tmp_path / 'restored.sqlite3'}", media)
        return
    import psycopg

    settings = connection.settings_dict
    name = f"{settings['NAME']}_r{uuid.uuid4().hex[:8]}"[:63]
    admin = dict(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
    )
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    try:
        yield Place(f"postgres://{auth}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{name}", media)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
