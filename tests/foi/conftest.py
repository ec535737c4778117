"""Fixtures for on-request disclosure: a ready-made application for the personas world (tests/personas.py)."""

from __future__ import annotations

from datetime import date

import pytest

from xxgk.foi import services

VALID_ID = "11010519491231002X"  # GB 11643 example number, valid check digit
VALID_USCC = "91350100M000100Y43"  # GB 32100 example code, valid check character


def applicant(**overrides) -> dict:
    data = {
        "applicant_type": "natural",
        "org_type": "",
        "name": "王小明",
        "contact_person": "",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13800138000",
        "email": "wxm@example.com",
        "address": "海南省海口市美兰区人民大道58号",
        "postcode": "570228",
        "title": "2023年本科招生各省录取分数统计表",
        "doc_number": "",
        "description": "各省份最低录取分数。",
        "purpose": "报考参考",
        "info_form": "electronic",
        "delivery": "email",
    }
    data.update(overrides)
    return data


@pytest.fixture
def received(world):
    """apply(on=date, **fields) -> Application received online on that date."""

    def make(on: date = date(2024, 3, 1), institution=None, **fields):
        return services.submit_online(institution or world.institution, applicant(**fields), today=on).application

    return make


def second_office(world):
    """Another 办公室管理员 of the institution: whoever drafted a reply cannot approve it."""
    from xxgk.org.models import Role

    if "office2" not in world.people:
        world.person("office2", Role.OFFICE_ADMIN, institution=world.institution)
    return world.people["office2"]
