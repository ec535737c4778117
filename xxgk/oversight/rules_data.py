"""The app's rules, read from data/rules.json (a box's own figures override the deadline defaults)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

RULES_FILE = Path(__file__).resolve().parent / "data" / "rules.json"


@lru_cache(maxsize=1)
def rules() -> dict:
    return json.loads(RULES_FILE.read_text(encoding="utf-8"))


def invalid_reasons() -> list[tuple[str, str]]:
    return [(r["code"], r["label"]) for r in rules()["invalid_reasons"]]


def invalid_reason_label(code: str) -> str:
    return dict(invalid_reasons()).get(code, code)
