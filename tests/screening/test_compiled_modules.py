"""The screening modules compiled with Cython (`xxgk/screening/extensions.py`): the default set-up runs them
compiled, they find exactly what their Python source finds, and an extension built from another version of its
source is never imported.

`make test` sets XXGK_EXPECT_COMPILED=1: it runs `make system-deps` (which installs a C compiler and Python's
headers) before `make install`, so there the modules must run compiled, and the first test fails when they do not
(a build that fell back to Python, or sources changed since the build). Run any other way (a checkout never built,
a machine without a compiler) that test is skipped: Python is the allowed fallback there."""

from __future__ import annotations

import importlib
import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from xxgk.screening import compiled, compiled_status, extensions

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    os.environ.get("XXGK_EXPECT_COMPILED") != "1", reason="only the default set-up (make test) must have compiled them"
)
def test_the_default_setup_runs_every_listed_module_compiled():
    assert not extensions.stale(), f"changed since they were compiled (run `make install`): {extensions.stale()}"
    missing = sorted(set(extensions.MODULES) - set(compiled()))
    assert not missing, f"running as Python (see .venv/pip.log; {extensions.PYTHON_ENV} unset?): {missing}"
    assert compiled_status() == "compiled"


def test_the_list_names_sources_of_the_package():
    assert len(set(extensions.SOURCES)) == len(extensions.SOURCES)
    for source in extensions.SOURCES:
        assert (ROOT / "xxgk" / "screening" / source).is_file(), source
        assert source.endswith((".py", ".pyx")), source
    assert extensions.module_name("detectors/numbers.py") == "xxgk.screening.detectors.numbers"


# Findings of the bench's generated sets (notices, lists only, new shapes) and the tests' own texts, as JSON: what
# scan_text reports, and every raw finding of the pattern detectors (before the threshold and the overlaps).
FINDINGS = """
import json, sys
sys.path.insert(0, sys.argv[1])
from bench.screening import SEED, Gen
from tests.screening import documents
from xxgk.screening import ScreeningConfig, compiled_status, scan_text
from xxgk.screening.detectors import Context
from xxgk.screening.extract import from_text
from xxgk.screening.scan import pattern_findings
texts = [
    Gen(SEED).corpus(200_000).text(),
    Gen(SEED + 1).corpus(100_000, lists_only=True).text(),
    Gen(SEED + 2).corpus(100_000, shapes=True).text(),
    documents.admission_list_text(), documents.aid_list_text(), documents.disciplinary_text(),
    documents.recruitment_result_text(), documents.news_text(), documents.budget_text(),
]
config = ScreeningConfig()
found = [
    [(f.kind, f.start, f.end, f.confidence, f.reason) for f in sorted(fs, key=lambda f: (f.start, f.end, f.kind))]
    for t in texts
    for fs in (scan_text(t, config), pattern_findings(Context(from_text(t), config)))
]
print(json.dumps({"status": compiled_status(), "found": found}, ensure_ascii=False))
"""


def _findings(python: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != extensions.PYTHON_ENV}
    if python:
        env[extensions.PYTHON_ENV] = "1"
    done = subprocess.run(
        [sys.executable, "-c", FINDINGS, str(ROOT)], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.skipif(compiled_status() == "python", reason="nothing compiled here to compare with Python")
def test_compiled_modules_find_exactly_what_their_python_source_finds():
    as_built, as_python = _findings(python=False), _findings(python=True)
    assert as_built["status"] != "python" and as_python["status"] == "python"
    assert all(as_built["found"][:6])  # the generated sets hold findings: no agreement on nothing
    for built, source in zip(as_built["found"], as_python["found"], strict=True):
        assert built == source


def test_an_extension_built_from_another_source_loses_to_the_source(tmp_path, monkeypatch):
    """The guard itself, on a package of its own: an "extension" that cannot even be loaded stands beside the
    source; the plain import system picks it (and fails), the guard sends the import to the source."""
    package = tmp_path / "guarded_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "numbers.py").write_text("WHERE = 'source'\n")
    (package / ("numbers" + importlib.machinery.EXTENSION_SUFFIXES[0])).write_bytes(b"not a shared object")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "guarded_pkg.numbers", raising=False)
    with pytest.raises(ImportError):
        importlib.import_module("guarded_pkg.numbers")
    guard = extensions._SourceFirst({"guarded_pkg.numbers": package / "numbers.py"})
    monkeypatch.setattr(sys, "meta_path", [guard, *sys.meta_path])
    try:
        assert importlib.import_module("guarded_pkg.numbers").WHERE == "source"
    finally:
        sys.modules.pop("guarded_pkg.numbers", None)
        sys.modules.pop("guarded_pkg", None)


def test_which_extensions_are_out_of_date(tmp_path):
    """An extension is current only when the manifest written at its build holds its source's sha256."""
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    current, edited, never_built = extensions.SOURCES[:3]
    manifest = {}
    for source in (current, edited, never_built):
        path = tmp_path / source
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {source}\n")
        manifest[source] = extensions.source_digest(path)
        if source != never_built:
            path.with_name(path.name.rsplit(".", 1)[0] + suffix).write_bytes(b"")
    (tmp_path / extensions.MANIFEST).write_text(json.dumps(manifest))
    (tmp_path / edited).write_text(f"# {edited}, edited after the build\n")
    assert extensions._stale_sources(tmp_path) == {extensions.module_name(edited): tmp_path / edited}
    (tmp_path / extensions.MANIFEST).unlink()  # built by hand (no manifest): not trusted either
    assert set(extensions._stale_sources(tmp_path)) == {extensions.module_name(s) for s in (current, edited)}


def test_scan_version_says_whether_the_modules_run_compiled(capsys):
    from xxgk.screening.cli import main

    assert main(["--version"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("xxgk scan ")
    count = len(compiled())
    expected = {"compiled": "已编译", "partial": "部分编译", "python": "未编译"}[compiled_status()]
    assert f"筛查模块：{expected}" in line
    if count:
        assert f"{count}/{len(extensions.MODULES)} 个模块" in line
