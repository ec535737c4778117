"""A staff page for people of several institutions is about the one named by ?i=SLUG, if they may act for it."""

from __future__ import annotations

from django.urls import reverse


def test_the_office_page_is_about_the_office_s_own_institution(client, world):
    client.force_login(world.office)
    response = client.get(reverse("workbench:settings"))
    assert response.status_code == 200
    assert world.institution.name in response.content.decode()


def test_naming_another_institution_is_refused_and_an_unknown_one_is_not_found(client, world):
    client.force_login(world.office)
    url = reverse("workbench:settings")
    assert client.get(url + f"?i={world.other_institution.slug}").status_code == 403
    assert client.get(url + "?i=no-such-school").status_code == 404
    assert client.get(url + f"?i={world.institution.slug}").status_code == 200


def test_someone_who_manages_no_institution_is_refused(client, world):
    client.force_login(world.drafter_a)
    assert client.get(reverse("workbench:settings")).status_code == 403
