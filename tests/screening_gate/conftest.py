import pytest

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def resident_id(first17: str) -> str:
    """A well-formed (made-up) 18-digit ID: GB 11643 check digit appended."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS))
    return first17 + "10X98765432"[total % 11]


@pytest.fixture
def screen_in_request(settings):
    """Every attachment screened in the request (XXGK_SCREENING_BACKGROUND off), slow types too, so the
    findings are there when add_attachment returns."""
    settings.XXGK_SCREENING_BACKGROUND = False
