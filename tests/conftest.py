from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).parent / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    """The two real 2022–2023 annual reports (海南热带海洋学院, 泉州海洋职业学院)."""
    return SEEDS
