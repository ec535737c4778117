from __future__ import annotations

from pathlib import Path

import pytest

from xxgk.reportcheck import check_path

SEEDS = Path(__file__).parent.parent / "seeds"
REPORTS = Path(__file__).parent / "reports"
HAINAN = SEEDS / "hntou-2022-2023.txt"
QUANZHOU = SEEDS / "qzoi-2022-2023.txt"


@pytest.fixture(scope="session")
def hainan():
    return check_path(HAINAN)


@pytest.fixture(scope="session")
def quanzhou():
    return check_path(QUANZHOU)


@pytest.fixture
def reports_dir() -> Path:
    """Reports written in other universities' common styles (traditional characters,
    第一部分 / 一. / （一） numbering, a part list that disagrees, wrong citations and sums)."""
    return REPORTS


def report(name: str):
    return check_path(REPORTS / name)


def codes(rep) -> list[str]:
    return [f.code for f in rep.findings]
