"""Every anonymous POST counts against one hourly ceiling per visitor, on any page, before the view;
signed-in staff and the login pages (which have their own lockout) are not counted."""

import pytest
from django.test import Client

SEARCH_FORMS = ["/hblg/apply/status/", "/hblg/mailbox/lookup/", "/i18n/setlang/"]


@pytest.fixture
def ceiling(settings):
    settings.XXGK_PUBLIC_POSTS_PER_HOUR = 3
    settings.XXGK_LOOKUPS_PER_HOUR = 100
    settings.FOI_LOOKUP_FAILURES_PER_HOUR = 100


def test_the_ceiling_holds_across_pages(world, ceiling):
    visitor = Client(REMOTE_ADDR="198.51.100.1")
    for url in SEARCH_FORMS:
        assert visitor.post(url, {}).status_code != 429
    for url in SEARCH_FORMS + ["/hblg/apply/", "/hblg/mailbox/1/write/"]:
        refused = visitor.post(url, {})
        assert refused.status_code == 429, url
        assert "提交的次数过多" in refused.content.decode() and refused["Retry-After"] == "3600"
    assert Client(REMOTE_ADDR="198.51.100.2").post(SEARCH_FORMS[0], {}).status_code == 200


def test_staff_and_the_login_pages_are_not_counted(world, ceiling):
    visitor = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(4):
        assert visitor.post("/accounts/login/", {"username": "nobody", "password": "x"}).status_code == 200
    staff = Client(REMOTE_ADDR="198.51.100.1")
    staff.force_login(world.office)
    for _ in range(4):
        assert staff.post("/hblg/apply/status/", {}).status_code == 200


def test_limits_off_lets_everything_through(world, ceiling, settings):
    settings.XXGK_PUBLIC_RATE_LIMITS = False
    visitor = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(6):
        assert visitor.post("/hblg/apply/status/", {}).status_code == 200
