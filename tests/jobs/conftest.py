import pytest

from tests.jobs import kinds


@pytest.fixture(autouse=True)
def _calls():
    kinds.CALLS.clear()
    yield kinds.CALLS
    kinds.CALLS.clear()


@pytest.fixture
def clock():
    return kinds.Clock()
