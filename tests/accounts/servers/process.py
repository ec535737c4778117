"""Running a test identity provider as a separate Django process on a free loopback port."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str  # http://127.0.0.1:PORT
    directory: Path
    process: subprocess.Popen

    def set_people(self, people: dict) -> None:
        """Who may sign in and with which attributes (read at every sign-in)."""
        (self.directory / "people.json").write_text(json.dumps(people, ensure_ascii=False), encoding="utf-8")


def start(settings_module: str, setup_module: str, directory: Path, ready_path: str, **extra_env: str) -> Server:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_URL", "PYTEST", "DJANGO_SETTINGS", "XXGK_", "CAS_", "OIDC_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        TEST_IDP_DIR=str(directory),
        PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
        **extra_env,
    )
    (directory / "people.json").write_text("{}", encoding="utf-8")
    log = open(directory / "server.log", "wb")  # noqa: SIM115 (kept open for the process's life)
    for step in (["-m", "django", "migrate", "-v0"], ["-m", setup_module]):
        subprocess.run([sys.executable, *step], cwd=ROOT, env=env, check=True, stdout=log, stderr=log, timeout=300)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + ready_path, timeout=5):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(
                    f"{settings_module} did not start: {(directory / 'server.log').read_text()[-3000:]}"
                ) from None
            time.sleep(0.2)
    return Server(url, directory, process)


def stop(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
