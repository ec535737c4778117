"""An institution the platform administrator adds in the admin (the first step of a new deployment) is set
up like one made by `create_institution`: the 清单 copied into its catalog, the review chain with its
保密审查 step, the FOI rules."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from tests.deploy.shipped import check_module
from xxgk.catalog.models import CatalogItem
from xxgk.foi.models import RuleSet
from xxgk.org.models import Institution
from xxgk.publishing.models import ReviewStep


def test_an_institution_added_in_the_admin_is_ready_to_work(client, db):
    admin = get_user_model().objects.create_superuser("platform-admin", password="pw-platform-admin")
    client.force_login(admin)
    page = client.get("/admin/org/institution/add/").content.decode()
    fields = check_module().form_fields(page, form_id="institution_form")  # the defaults, as a browser sends them
    fields.update(name="南海大学", short_name="南海大学", code="NHDX", slug="nhdx")
    response = client.post("/admin/org/institution/add/", fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    institution = Institution.objects.get(slug="nhdx")
    assert CatalogItem.objects.filter(institution=institution).count() >= 50
    assert ReviewStep.objects.filter(institution=institution, is_secrecy_review=True).exists()
    assert RuleSet.objects.filter(institution=institution).exists()
