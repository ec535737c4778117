"""The files in deploy/ made to run from this checkout (paths, ports and users substituted as an operator
would), for the tests that hand them to the real tools."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def check_module():
    """deploy/check.py (`make deploy-check`), which renders the nginx site for a run on loopback."""
    spec = importlib.util.spec_from_file_location("xxgk_deploy_check", DEPLOY / "check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def venv_bin() -> Path:
    return Path(sys.executable).parent
