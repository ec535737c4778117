"""No import cycle inside xxgk: every import of an xxgk module, at the top of a module or inside a
function (where lazy imports hide cycles), is an edge of the module graph, and the graph has no cycle.

A package's own `__init__` running before its submodules is not an edge (Python imports the parent
package first in any case); `from package import name` is an edge to `package.name` when that is a
module, else to the package.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "xxgk"
#: A Python-level import statement on one line of a .pyx file (`cimport` lines are C-level, left out).
_PYX_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+[.\w]+[ \t]+import[ \t]+(?!.*\bcimport\b)[^\n(]+|import[ \t]+[.\w, \t]+)$", re.M
)


def module_files() -> dict[str, Path]:
    """Dotted module name → file, for every module under xxgk/ (Python, and Cython's .pyx: a compiled kernel is a
    module too)."""
    out = {}
    for path in sorted([*(ROOT / PACKAGE).rglob("*.py"), *(ROOT / PACKAGE).rglob("*.pyx")]):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _package_of(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def _resolve(base: str | None, level: int, package: str) -> str:
    if level == 0:
        return base or ""
    parts = package.split(".")
    anchor = parts[: len(parts) - (level - 1)]
    return ".".join(anchor + ([base] if base else []))


def _existing(name: str, modules: dict[str, Path]) -> str | None:
    """The module `name` names, or the longest prefix of it that is a module."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Every xxgk module `module` imports, wherever in the file the import statement is."""
    source = path.read_text(encoding="utf-8")
    if path.suffix == ".pyx":  # not Python: its Python-level import statements only (no `cimport`), as Python
        source = "\n".join(m.group(0).strip() for m in _PYX_IMPORT.finditer(source))
    tree = ast.parse(source, filename=str(path))
    package = _package_of(module, path)
    targets: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node.module, node.level, package)
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names = [node.args[0].value]
        else:
            continue
        for name in names:
            if name == PACKAGE or name.startswith(PACKAGE + "."):
                target = _existing(name, modules)
                if target and target != module:
                    targets.add(target)
    return targets


def import_graph() -> dict[str, set[str]]:
    modules = module_files()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as [a, b, …, a], or None (iterative depth-first search)."""
    WHITE, GREY, BLACK = 0, 1, 2
    colour = dict.fromkeys(graph, WHITE)
    for root in sorted(graph):
        if colour[root] != WHITE:
            continue
        stack = [(root, iter(sorted(graph[root])))]
        colour[root] = GREY
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                colour[node] = BLACK
                stack.pop()
            elif colour.get(child, BLACK) == GREY:
                path = [n for n, _ in stack]
                return path[path.index(child) :] + [child]
            elif colour.get(child) == WHITE:
                colour[child] = GREY
                stack.append((child, iter(sorted(graph[child]))))
    return None


def test_the_graph_sees_lazy_relative_and_from_package_imports():
    graph = import_graph()
    # a top-level absolute import
    assert "xxgk.org.models" in graph["xxgk.reporting.rules"]
    # relative imports, `from . import module` included
    assert "xxgk.screening.detectors.names" in graph["xxgk.screening.detectors"]
    assert "xxgk.screening.extractors.tables" in graph["xxgk.screening.extractors.word"]
    # an import inside a function
    assert "xxgk.reporting.pdf" in graph["xxgk.reporting.services"]
    # a compiled kernel (.pyx) is a module of its own, not its package
    assert "xxgk.screening.detectors._table_cells" in graph["xxgk.screening.detectors.context"]
    assert "xxgk.screening.detectors" not in graph["xxgk.screening.detectors.context"]


def test_find_cycle_reports_the_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_no_import_cycle_inside_xxgk():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle)


def app_graph() -> dict[str, set[str]]:
    """The same graph between the top-level parts of xxgk (the apps and the pure libraries): `xxgk.org.services`
    importing `xxgk.catalog.loader` is an edge org → catalog. Modules directly under xxgk/ (settings, urls,
    cli) wire everything together and are left out."""
    parts = {name: path.relative_to(ROOT / PACKAGE).parts for name, path in module_files().items()}
    top = {name: p[0] for name, p in parts.items() if len(p) > 1}  # xxgk/<app>/… only
    graph: dict[str, set[str]] = {app: set() for app in top.values()}
    for module, targets in import_graph().items():
        if module in top:
            graph[top[module]] |= {top[t] for t in targets if t in top and top[t] != top[module]}
    return graph


def test_apps_depend_on_each_other_one_way():
    graph = app_graph()
    assert {"catalog", "publishing", "core"} <= graph["demo"] | graph["reporting"] | graph["portal"]
    cycle = find_cycle(graph)
    assert cycle is None, "apps import each other: " + " → ".join(cycle)
