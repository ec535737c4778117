"""The office sets a day the official calendar does not know; the workdays command then follows it."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from xxgk.core.models import AuditEvent
from xxgk.workcalendar.models import CalendarOverride


def test_office_sets_and_removes_an_override(client, world):
    client.force_login(world.office)
    response = client.post(
        reverse("workbench:calendar"),
        {"form": "set", "date": "2027-01-04", "is_workday": "0", "note": "假设的2027年元旦调休安排"},
    )
    assert response.status_code == 302
    override = CalendarOverride.objects.get(date="2027-01-04")
    assert override.is_workday is False
    assert AuditEvent.objects.filter(action="calendar_override_set", actor=world.office).exists()
    out = StringIO()
    call_command("workdays", "add", "2026-12-31", "2", stdout=out, stderr=StringIO())
    assert out.getvalue().strip() == "2027-01-05"  # 01-01 Fri counted, 01-04 now a holiday, so the 2nd is 01-05
    client.post(reverse("workbench:calendar"), {"form": "remove", "pk": override.pk})
    assert not CalendarOverride.objects.exists()


def test_an_override_needs_a_stated_basis(client, world):
    client.force_login(world.office)
    response = client.post(
        reverse("workbench:calendar"), {"form": "set", "date": "2027-01-04", "is_workday": "0", "note": ""}
    )
    assert "这个字段是必填项" in response.content.decode()
    assert not CalendarOverride.objects.exists()


def test_drafters_cannot_change_the_calendar(client, world):
    client.force_login(world.drafter_a)
    assert client.get(reverse("workbench:calendar")).status_code == 403
    assert (
        client.post(
            reverse("workbench:calendar"), {"form": "set", "date": "2027-01-04", "is_workday": "0", "note": "x"}
        ).status_code
        == 403
    )
