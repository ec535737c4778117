"""The 工作日 page: the supervisor (or the platform administrator) edits the official calendar; a school's office
sees it and edits only its own closures; the workdays command follows."""

from datetime import date
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from xxgk.core.models import AuditEvent
from xxgk.workcalendar.models import CalendarOverride, InstitutionClosure, YearArrangement

PAGE = reverse("workbench:calendar")


def test_the_supervisor_sets_and_removes_an_override(client, world):
    client.force_login(world.supervisor)
    response = client.post(
        PAGE, {"form": "set", "o-date": "2027-01-04", "o-is_workday": "0", "o-note": "假设的2027年元旦调休安排"}
    )
    assert response.status_code == 302
    override = CalendarOverride.objects.get(date="2027-01-04")
    assert override.is_workday is False
    assert AuditEvent.objects.filter(action="calendar_override_set", actor=world.supervisor).exists()
    out = StringIO()
    call_command("workdays", "add", "2026-12-31", "2", stdout=out, stderr=StringIO())
    assert out.getvalue().strip() == "2027-01-06（暂定）"  # 01-01 元旦 by the rules, 01-04 set as a holiday
    client.post(PAGE, {"form": "remove", "pk": override.pk})
    assert not CalendarOverride.objects.exists()


def test_an_override_needs_a_stated_basis(client, world):
    client.force_login(world.supervisor)
    response = client.post(PAGE, {"form": "set", "o-date": "2027-01-04", "o-is_workday": "0", "o-note": ""})
    assert "这个字段是必填项" in response.content.decode()
    assert not CalendarOverride.objects.exists()


def test_a_schools_office_sees_the_calendar_but_cannot_change_it(client, world):
    client.force_login(world.office)
    page = client.get(PAGE).content.decode()
    assert "2027" in page and "暂定" in page and "录入某年正式放假安排" not in page
    response = client.post(PAGE, {"form": "set", "o-date": "2027-01-04", "o-is_workday": "0", "o-note": "x"})
    assert response.status_code == 403
    assert not CalendarOverride.objects.exists()


def test_the_office_adds_and_removes_its_own_closure(client, world):
    client.force_login(world.office)
    response = client.post(PAGE, {"form": "closure", "c-date": "2026-12-08", "c-note": "台风停课"})
    assert response.status_code == 302
    closure = InstitutionClosure.objects.get()
    assert closure.institution == world.institution
    assert "台风停课" in client.get(PAGE).content.decode()
    client.force_login(world.other_office)
    assert client.post(PAGE, {"form": "remove_closure", "pk": closure.pk}).status_code == 404
    assert InstitutionClosure.objects.exists()
    client.force_login(world.office)
    client.post(PAGE, {"form": "remove_closure", "pk": closure.pk})
    assert not InstitutionClosure.objects.exists()


def test_the_platform_administrator_enters_a_year(client, world):
    admin = get_user_model().objects.create_superuser("platform", password="pw")
    client.force_login(admin)
    assert client.get(PAGE).status_code == 200
    response = client.post(
        PAGE,
        {
            "form": "year",
            "y-year": "2027",
            "y-rest_days": "2027-01-01~2027-01-03、2027-02-05~2027-02-11",
            "y-workdays": "",
            "y-note": "国务院办公厅通知（假设）",
        },
    )
    assert response.status_code == 302
    assert YearArrangement.objects.get().rest_days[:3] == ["2027-01-01", "2027-01-02", "2027-01-03"]
    assert date(2027, 2, 11).isoformat() in YearArrangement.objects.get().rest_days


def test_drafters_cannot_open_it(client, world):
    client.force_login(world.drafter_a)
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"form": "closure", "c-date": "2026-12-08", "c-note": "x"}).status_code == 403


def test_who_opens_the_page(client, world):
    expected = {
        "office": 200,
        "other_office": 200,
        "supervisor": 200,
        "drafter_a": 403,
        "checker_a": 403,
        "secrecy": 403,
        "signer": 403,
    }
    seen = {}
    for name in expected:
        client.force_login(getattr(world, name))
        seen[name] = client.get(PAGE).status_code
    assert seen == expected
    client.force_login(world.office)
    assert client.get(PAGE + "?i=scsf").status_code == 403  # another school's closures
    client.logout()
    assert client.get(PAGE).status_code == 302  # to the login page
