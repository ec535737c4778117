"""The checker's rules, loaded once from ``data/rules.json`` and ``data/traditional.json``."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@cache
def rules() -> dict:
    return json.loads((DATA / "rules.json").read_text(encoding="utf-8"))


@cache
def traditional_table() -> dict[int, str]:
    data = json.loads((DATA / "traditional.json").read_text(encoding="utf-8"))
    trad, simp = data["traditional"], data["simplified"]
    if len(trad) != len(simp):  # pragma: no cover - guards the data file
        raise ValueError("traditional.json: the two strings differ in length")
    return str.maketrans(trad, simp)


def section_rules() -> dict:
    return rules()["sections"]


def section_order() -> list[str]:
    return list(rules()["sections"]["order"])


def section_label(key: str) -> str:
    return rules()["sections"]["items"][key]["label"]


def required_sections() -> list[str]:
    items = rules()["sections"]["items"]
    return [k for k in section_order() if items[k]["required"]]


def citation_rules() -> list[dict]:
    return list(rules()["citations"]["items"])


def figure_rules() -> dict:
    return rules()["figures"]


def key_figure_rules() -> dict:
    return rules()["key_figures"]
