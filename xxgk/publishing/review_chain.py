"""The default review chain (拟稿 → 核稿 → 保密审查 → 审签) a new institution starts with, from data."""

from __future__ import annotations

import json
from pathlib import Path

from xxgk.publishing.models import ReviewStep

REVIEW_CHAIN_FILE = Path(__file__).resolve().parent / "data" / "review_chain.json"


def install_default_review_chain(institution) -> None:
    """Give the institution the default steps, unless it has a chain already."""
    if ReviewStep.objects.filter(institution=institution).exists():
        return
    steps = json.loads(REVIEW_CHAIN_FILE.read_text(encoding="utf-8"))["steps"]
    ReviewStep.objects.bulk_create(
        ReviewStep(institution=institution, order=i, **step) for i, step in enumerate(steps, start=1)
    )
