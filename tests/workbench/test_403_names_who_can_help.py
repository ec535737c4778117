"""A refused page says whom to ask: the office administrators of the person's institution, with its contact."""

from __future__ import annotations

from django.urls import reverse


def test_refused_page_names_the_office(client, world):
    world.institution.phone = "0898-88886666"
    world.institution.save()
    client.force_login(world.checker_a)
    response = client.get(reverse("workbench:catalog"))
    assert response.status_code == 403
    page = response.content.decode()
    assert f"{world.institution.name}：office" in page and "0898-88886666" in page
    assert "other_office" not in page and world.other_institution.name not in page
    assert "请联系本部门审核人" not in page  # never "ask the 审核人" when the 审核人 is the one refused


def test_person_without_a_role_is_told_to_ask_for_one(client, world):
    client.force_login(world.nobody)
    response = client.get(reverse("workbench:todo"))
    assert response.status_code == 403
    assert "尚未分配任何角色" in response.content.decode()
