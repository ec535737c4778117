"""The office's FOI settings (clock rules, letter templates) change only through services: the policy is asked,
the change is audited once, and nothing else can be set."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from xxgk.core.models import AuditEvent
from xxgk.foi import services
from xxgk.foi.loader import ensure_letter_templates, rules_for


def test_the_office_changes_its_rules_and_the_change_is_audited(world):
    rules = rules_for(world.institution)
    days = rules.days
    updated = services.update_rules(world.office, rules, days=days + 5, label=rules.label)
    assert updated.days == days + 5
    assert rules_for(world.institution).days == days + 5
    event = AuditEvent.objects.get(action="foi_rules_updated")
    assert event.data["changed"] == ["days"]
    assert event.institution_id == world.institution.id


def test_no_change_writes_no_audit_event(world):
    rules = rules_for(world.institution)
    services.update_rules(world.office, rules, days=rules.days)
    assert not AuditEvent.objects.filter(action="foi_rules_updated").exists()


def test_only_the_office_of_that_institution_may_change_its_rules(world):
    rules = rules_for(world.institution)
    for person in (world.drafter_a, world.other_office):
        with pytest.raises(PermissionDenied):
            services.update_rules(person, rules, days=1)
    assert rules_for(world.institution).days == rules.days


def test_only_the_listed_settings_can_be_set(world):
    with pytest.raises(ValueError):
        services.update_rules(world.office, rules_for(world.institution), institution_id=world.other_institution.id)


def test_the_template_page_saves_through_the_service(client, world):
    template = ensure_letter_templates(world.institution)[0]
    client.force_login(world.office)
    url = reverse("foi_staff:template_edit", kwargs={"pk": template.pk})
    response = client.post(url, {"title": "新的标题", "body": template.body})
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.title == "新的标题"
    assert AuditEvent.objects.filter(action="foi_letter_template_updated").count() == 1
    client.force_login(world.drafter_a)
    assert client.post(url, {"title": "不应保存", "body": template.body}).status_code == 403
    template.refresh_from_db()
    assert template.title == "新的标题"
