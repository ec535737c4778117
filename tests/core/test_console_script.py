"""The `xxgk` console script: the library commands run without Django, the rest are Django's commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "seeds" / "qzoi-2022-2023.txt"

RUN_WITHOUT_SETTINGS = """
import os, sys
os.environ.pop("DJANGO_SETTINGS_MODULE", None)
from xxgk import cli
status = cli.main(sys.argv[1:])
print(status, any(m == "django" or m.startswith("django.") for m in sys.modules), file=sys.stderr)
"""


@pytest.mark.parametrize("command, output", [("scan", "jsonl"), ("check-report", "json"), ("check_report", "json")])
def test_library_commands_do_not_set_up_django(command, output):
    done = subprocess.run(
        [sys.executable, "-c", RUN_WITHOUT_SETTINGS, command, str(SEED), "--format", output],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    status, django_imported = done.stderr.split()[-2:]
    assert status in {"0", "1"}, done.stderr  # 0 clean, 1 findings: the file was read
    assert done.stdout.strip()
    assert django_imported == "False"


def test_help_lists_the_library_commands_with_the_django_ones():
    done = subprocess.run([sys.executable, "-m", "xxgk", "help"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    listed = done.stdout.split()
    for name in ("scan", "check-report", "demo", "institutions", "stats", "workdays", "foi_alerts", "migrate"):
        assert name in listed


def test_help_on_a_library_command_is_the_library_usage():
    done = subprocess.run(
        [sys.executable, "-m", "xxgk", "help", "check-report"], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0 and "usage: xxgk check-report" in done.stdout
