"""The office checks its own generated draft with the report checker before finalising it."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_the_generated_draft_has_every_required_section(client):
    from django.contrib.auth import get_user_model

    from xxgk.demo.loader import load_demo

    load_demo(annual_reports=False)
    office = get_user_model().objects.get(username="hntou-office")
    client.force_login(office)
    html = client.get(reverse("reporting_staff:check_draft"), {"i": "hntou", "year": "2022-2023"}).content.decode()
    assert "2022-09-01 — 2023-08-31" in html
    assert "缺少部分</th><td>无</td>" in html.replace("\n", "")
    assert "1312" in html


@pytest.mark.django_db
def test_a_drafter_cannot_check_the_institutions_draft(client, world):
    client.force_login(world.drafter_a)
    assert client.get(reverse("reporting_staff:check_draft"), {"i": "hblg"}).status_code in (403, 404)
