"""暂定 is shown next to every due date that rests on a year whose arrangement is not out yet."""

from datetime import date

from django.template import Context, Template
from django.urls import reverse

from tests.foi.conftest import applicant
from xxgk.foi import services as foi
from xxgk.workcalendar import services
from xxgk.workcalendar.calendar import provisional_suffix


def badge(day) -> str:
    return Template("{% load workdays_tags %}{% provisional_badge day %}").render(Context({"day": day})).strip()


def test_the_badge_marks_only_provisional_years(db):
    assert "暂定" in badge(date(2027, 1, 11)) and 'class="badge provisional"' in badge(date(2027, 1, 11))
    assert badge(date(2026, 12, 31)) == "" and badge(None) == ""
    assert provisional_suffix(date(2027, 1, 11)) == "（暂定）" and provisional_suffix(date(2026, 1, 5)) == ""


def test_the_public_status_page_and_the_staff_pages_show_it(client, world):
    receipt = foi.submit_online(world.institution, applicant(), today=date(2026, 12, 18))
    response = client.post(
        reverse("foi:status", kwargs={"slug": "hblg"}), {"code": receipt.application.code, "secret": receipt.secret}
    )
    page = client.get(response["Location"]).content.decode()
    assert "2027-01-11" in page and "暂定" in page
    client.force_login(world.office)
    detail = client.get(reverse("foi_staff:detail", args=[receipt.application.pk])).content.decode()
    assert "暂定" in detail
    assert "暂定" in client.get(reverse("foi_staff:list")).content.decode()


def test_a_firm_year_has_no_badge(client, world, admin):
    services.enter_arrangement(admin, 2027, rest_days=[date(2027, 1, 1)], workdays=[], note="通知（假设）")
    assert badge(date(2027, 1, 11)) == ""
    receipt = foi.submit_online(world.institution, applicant(), today=date(2026, 12, 18))
    client.force_login(world.office)
    assert "暂定" not in client.get(reverse("foi_staff:detail", args=[receipt.application.pk])).content.decode()


def test_the_letter_pages_show_it(client, world, box):
    from tests.workcalendar.conftest import letter

    mail = letter(world, box, date(2026, 12, 4))
    assert mail.due_on == date(2027, 1, 4)
    client.force_login(world.office)
    assert "暂定" in client.get(reverse("oversight_staff:letters")).content.decode()
    assert "暂定" in client.get(reverse("oversight_staff:letter", args=[mail.pk])).content.decode()
