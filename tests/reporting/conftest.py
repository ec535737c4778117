"""The demo (both seed institutions with their 2022–2023 figures), loaded once per module.

It is loaded inside a transaction rolled back at the module's end; each test runs in a
savepoint within it.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

import pytest

from tests.demo_once import demo_loaded

SEEDS = Path(__file__).parent.parent / "seeds"
START, END = date(2022, 9, 1), date(2023, 8, 31)


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    from xxgk.demo.loader import load_demo
    from xxgk.reporting.demo import load_demo_figures

    with demo_loaded(
        django_db_blocker,
        partial(load_demo, annual_reports=False),
        load_demo_figures,
        MEDIA_ROOT=str(tmp_path_factory.mktemp("media")),
    ):
        yield


@pytest.fixture
def demo(_demo_loaded, db):
    return None


def institution(slug: str):
    from xxgk.org.models import Institution

    return Institution.objects.get(slug=slug)


def user(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)
