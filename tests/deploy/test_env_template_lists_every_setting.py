"""deploy/xxgk.env.example lists every environment variable xxgk/settings.py reads, and nothing that no
part of xxgk reads: an operator reading the template sees every setting there is. settings.py must
name each variable literally, so that this test can see it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "deploy" / "xxgk.env.example"
READERS = {"os.environ.get", "os.getenv", "envbool", "envint", "envlist", "envnetworks"}
#: set by tools, not by an operator
NOT_SETTINGS = {"PYTEST_CURRENT_TEST"}
#: read outside settings.py by the deployment's own files
DEPLOY_FILES = [ROOT / "deploy" / "gunicorn.conf.py", ROOT / "deploy" / "backup.sh"]


def read_by_settings() -> set[str]:
    tree = ast.parse((ROOT / "xxgk" / "settings.py").read_text(encoding="utf-8"))
    names, dynamic = set(), []
    # the helpers' own bodies (envbool(name) reads os.environ.get(name)) are where a name is a parameter
    statements = [s for s in tree.body if not isinstance(s, ast.FunctionDef)]
    for node in (n for statement in statements for n in ast.walk(statement)):
        arg = None
        if isinstance(node, ast.Call) and ast.unparse(node.func) in READERS and node.args:
            arg = node.args[0]
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            arg = node.slice
        elif isinstance(node, ast.Compare) and any(ast.unparse(c) == "os.environ" for c in node.comparators):
            arg = node.left
        if arg is None:
            continue
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            names.add(arg.value)
        else:
            dynamic.append(ast.unparse(node))
    assert dynamic == [], "settings.py must name environment variables literally"
    return names - NOT_SETTINGS


def listed_in_template() -> set[str]:
    pattern = re.compile(r"^#?\s?([A-Z][A-Z0-9_]+)=")
    return {m.group(1) for line in TEMPLATE.read_text(encoding="utf-8").splitlines() if (m := pattern.match(line))}


def test_every_setting_is_in_the_template():
    missing = sorted(read_by_settings() - listed_in_template())
    assert missing == [], f"add these to {TEMPLATE.relative_to(ROOT)} with what they mean"


def test_the_template_lists_nothing_xxgk_does_not_read():
    deploy_text = "\n".join(path.read_text(encoding="utf-8") for path in DEPLOY_FILES)
    unknown = sorted(name for name in listed_in_template() - read_by_settings() if name not in deploy_text)
    assert unknown == []


def test_the_template_is_an_environment_file():
    """systemd's EnvironmentFile: NAME=value lines and comments, nothing quoted or spaced around '='."""
    for number, line in enumerate(TEMPLATE.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            assert re.fullmatch(r"[A-Z][A-Z0-9_]*=[^\s\"']*", line), f"line {number}: {line}"
