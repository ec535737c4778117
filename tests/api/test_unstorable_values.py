"""A NUL character in any parameter or body value is refused with 400, never a 500 (PostgreSQL cannot
hold it)."""

from __future__ import annotations

import json

import pytest

from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/institutions/hblg/records?item=%00",
        "/api/v1/institutions/hblg/records?department=a%00b",
        "/api/v1/institutions/hblg/records?cursor=%00",
        "/api/v1/institutions/hb%00lg/catalog",
    ],
)
def test_nul_in_a_parameter(client, world, url):
    assert client.get(url).status_code in (400, 404)


def test_nul_in_a_body(client, world, keys):
    body = {"title": "接口\x00拟稿", "formed_on": "2024-03-01", "department": "x\x00cb"}
    response = client.post(
        "/api/v1/drafts", json.dumps(body), content_type="application/json", **bearer(keys["drafts"])
    )
    assert response.status_code in (400, 404, 422)
