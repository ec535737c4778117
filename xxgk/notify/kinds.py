"""The kinds of message xxgk sends, read once from data/messages.json."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "messages.json"


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    audience: str  # "public" or "staff"
    variables: tuple[str, ...]
    subject: str
    body: str


@cache
def kinds() -> dict[str, Kind]:
    raw = json.loads(DATA.read_text(encoding="utf-8"))["kinds"]
    return {
        key: Kind(key, v["label"], v["audience"], tuple(v.get("variables", ())), v["subject"], v["body"])
        for key, v in raw.items()
    }


def kind(key: str) -> Kind:
    """The kind named `key`; a KeyError names a kind the data file does not declare (a programming error)."""
    return kinds()[key]
