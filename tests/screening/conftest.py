from __future__ import annotations

import pytest

from xxgk.screening import ScreeningConfig, scan_text


def kinds(findings, kind=None):
    return [f.text for f in findings if kind is None or f.kind == kind]


@pytest.fixture
def scan_all():
    """Scan with every finding reported, however unsure."""

    def run(text, **kw):
        return scan_text(text, ScreeningConfig(min_confidence=0, **kw))

    return run
