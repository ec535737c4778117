"""The people of the test identity providers: a JSON file the tests write (and rewrite between sign-ins to
change a person's attributes), named by TEST_IDP_DIR. Format: {"username": {"password": ..., "attributes": {...}}}."""

from __future__ import annotations

import json
import os
from pathlib import Path


def people() -> dict:
    return json.loads((Path(os.environ["TEST_IDP_DIR"]) / "people.json").read_text(encoding="utf-8"))


def person(username: str) -> dict | None:
    return people().get(username)
