"""Which screening modules are compiled with Cython (C extensions), and which of them this process runs compiled.

`SOURCES` is the one list of them. `setup.py` runs this file by its path (so it imports nothing but the standard
library) and builds one C extension per entry at install time (`make install`), next to its source; the Python
source stays the one source. A module whose extension was not built (a machine without a C compiler: the install
goes on without it) runs as Python, with the same results, slower.

An extension is used only while its source is the one it was built from: `setup.py` records the sha256 of each
source it compiled in `compiled_sources.json` beside this file (generated, not in git), and `prefer_sources()` sends
the import of a module whose source has changed since (edited, or a `git pull` without `make install`) to that
source; importing this module runs it, and the package imports it before anything else. `status()` says
"compiled", "python" or "partial" (`xxgk scan --version`, `/healthz`); `compiled()` names the modules running
compiled, `stale()` those whose extension is out of date. `XXGK_SCREENING_PYTHON=1` runs them all as Python.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from pathlib import Path

#: The modules compiled at install time, as paths under xxgk/screening. The hot path of pattern screening
#: (bench/screening.py, issue 14): the number scanner and its families, the table cells, the context, the other
#: pattern detectors, the findings and the scan. A `.py` is compiled as it is (Cython, language_level 3); a typed
#: kernel (a `.pyx`, or a `.py` in Cython's pure-Python mode) is listed here too.
SOURCES: tuple[str, ...] = (
    "detectors/numbers.py",
    "detectors/table_cells.py",
    "detectors/context.py",
    "detectors/id_card.py",
    "detectors/school_numbers.py",
    "detectors/phones.py",
    "detectors/bank_card.py",
    "detectors/email.py",
    "detectors/secret.py",
    "detectors/address.py",
    "findings.py",
    "scan.py",
    # typed kernels:
    "detectors/_table_cells.pyx",
)

#: Written by setup.py's build_ext: {source path under xxgk/screening: sha256 of the source compiled}.
MANIFEST = "compiled_sources.json"

_HERE = Path(__file__).resolve().parent
_PACKAGE = "xxgk.screening"


def module_name(source: str) -> str:
    """ "detectors/numbers.py" -> "xxgk.screening.detectors.numbers"."""
    return _PACKAGE + "." + source.rsplit(".", 1)[0].replace("/", ".")


MODULES: tuple[str, ...] = tuple(module_name(s) for s in SOURCES)


def source_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _extension_file(source: Path) -> Path | None:
    stem = source.name.rsplit(".", 1)[0]
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        candidate = source.with_name(stem + suffix)
        if candidate.exists():
            return candidate
    return None


def _stale_sources(root: Path = _HERE) -> dict[str, Path]:
    """{module: source} for each listed module whose extension exists but was built from another source."""
    try:
        built = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        built = {}
    stale = {}
    for source in SOURCES:
        path = root / source
        if _extension_file(path) is None or not path.exists():
            continue  # nothing compiled, or an installation that ships the extension alone
        if built.get(source) != source_digest(path):
            stale[module_name(source)] = path
    return stale


class _SourceFirst(importlib.abc.MetaPathFinder):
    """Imports the given modules from their source, never from an extension beside it."""

    def __init__(self, sources: dict[str, Path]):
        self.sources = sources

    def find_spec(self, fullname, path=None, target=None):
        source = self.sources.get(fullname)
        if source is None:
            return None
        if source.suffix != ".py":  # a .pyx has no Python to run: the importing module's own fallback applies
            raise ImportError(f"{fullname}: not imported from its extension (out of date, or {PYTHON_ENV} is set)")
        return importlib.util.spec_from_file_location(fullname, source)


#: Set to "1" to run every listed module as Python even where it is compiled (the bench's comparison, the test
#: that both give the same findings, an operator ruling the extensions out).
PYTHON_ENV = "XXGK_SCREENING_PYTHON"

_stale: dict[str, Path] = {}
_guard_installed = False


def prefer_sources() -> None:
    """Make an out-of-date extension (or every one, with XXGK_SCREENING_PYTHON=1) lose to its source. Runs once,
    before the listed modules are imported."""
    global _guard_installed
    if _guard_installed:
        return
    _guard_installed = True
    _stale.update(_stale_sources())
    routed = dict(_stale)
    if os.environ.get(PYTHON_ENV) == "1":
        routed.update((module_name(source), _HERE / source) for source in SOURCES)
    if routed:
        sys.meta_path.insert(0, _SourceFirst(routed))


def stale() -> tuple[str, ...]:
    """The listed modules whose extension was built from another version of their source (run as Python)."""
    return tuple(m for m in MODULES if m in _stale)


def _runs_compiled(name: str) -> bool:
    try:
        module = importlib.import_module(name)
    except ImportError:  # a kernel without Python source that was not built (or is out of date)
        return False
    return isinstance(module.__spec__.loader, importlib.machinery.ExtensionFileLoader)


def compiled() -> tuple[str, ...]:
    """The listed modules this process runs compiled (each is imported if it was not yet)."""
    return tuple(name for name in MODULES if _runs_compiled(name))


def status() -> str:
    """ "compiled" when every listed module runs compiled, "python" when none does, else "partial"."""
    count = len(compiled())
    return "compiled" if count == len(MODULES) else "python" if count == 0 else "partial"


if __name__ == _PACKAGE + ".extensions":  # imported (not run by setup.py)
    prefer_sources()
