"""The app's rules, read from data/rules.json (a box's own figures override the deadline defaults)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext, gettext_noop

RULES_FILE = Path(__file__).resolve().parent / "data" / "rules.json"


@lru_cache(maxsize=1)
def rules() -> dict:
    return json.loads(RULES_FILE.read_text(encoding="utf-8"))


# The labels of data/rules.json's invalid_reasons, marked so that makemessages finds them: the reasons are
# shown to the public (the mailbox page, a writer's lookup) and are translated when shown. A label added
# to the data must be added here too (tests/oversight/test_invalid_reasons_translated.py checks).
INVALID_REASON_LABELS = (
    gettext_noop("匿名或联系方式不全"),
    gettext_noop("内容不清、诉求不明确"),
    gettext_noop("办理期内重复来信"),
    gettext_noop("不属于学校职责范围，或属于诉讼、复议事项"),
)


def invalid_reasons() -> list[tuple[str, str]]:
    """(code, label) in the active language."""
    return [(r["code"], gettext(r["label"])) for r in rules()["invalid_reasons"]]


def invalid_reason_label(code: str) -> str:
    return dict(invalid_reasons()).get(code, code)
