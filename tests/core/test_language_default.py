"""Pages are Chinese for everyone, English only for a visitor who chose it."""

import pytest
from django.conf import settings


@pytest.fixture
def institution(db):
    from xxgk.org.services import create_institution

    return create_institution(name="海滨理工大学", code="HBLG", slug="hblg")


def test_an_english_browser_still_gets_chinese(client, institution):
    html = client.get("/hblg/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="zh-hans"' in html


def test_a_visitor_who_chose_english_gets_english(client, institution):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/hblg/").content.decode()
    assert 'lang="en"' in html
