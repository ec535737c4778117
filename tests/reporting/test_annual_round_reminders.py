"""One click reminds every institution whose report is missing, late or incomplete: an e-mail to its office and
an entry on the office's 我的待办, recorded as an event; a second click (or the form sent again) the same day
sends nothing more; the entry leaves the list once the report is published and complete."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.reporting.round_world import DEADLINE, YEAR, publish_report, upload_outside
from xxgk.core.models import AuditEvent
from xxgk.notify.models import Message
from xxgk.oversight import round_reports
from xxgk.oversight.models import RoundReminder
from xxgk.reporting import annual_round
from xxgk.reporting.todo import round_reminders
from xxgk.workbench.todo import tasks_for


@pytest.fixture
def round_world(world):
    world.other_office.email = "office@scsf.edu.cn"
    world.other_office.save()
    publish_report(world)
    upload_outside(world.supervisor)
    return world


def _remind(client):
    return client.post(reverse("reporting_staff:round_remind"), {"period": "ay:2022"})


def test_one_click_reminds_the_missing_institution_once_a_day(round_world, client):
    w = round_world
    client.force_login(w.supervisor)
    page = client.get(reverse("reporting_staff:round"), {"period": "ay:2022"}).content.decode()
    assert "提醒逾期、未发布或内容不全的学校（1 所）" in page  # the outside institution has no office here

    assert _remind(client).status_code == 302
    assert _remind(client).status_code == 302  # the double click
    reminders = RoundReminder.objects.all()
    assert [(r.institution, r.problems) for r in reminders] == [(w.other_institution, ["missing", "late"])]
    mails = Message.objects.filter(kind="oversight.round_reminder")
    assert [m.recipient for m in mails] == ["office@scsf.edu.cn"]
    assert "2022—2023学年" in mails[0].subject and "2023年10月31日" in mails[0].body and "未发布" in mails[0].body
    assert AuditEvent.objects.filter(action="round_reminder", institution=w.other_institution).count() == 1
    page = client.get(reverse("reporting_staff:round"), {"period": "ay:2022"}).content.decode()
    assert "今天已提醒 1 所" in page


def test_the_next_day_sends_again(round_world):
    w = round_world
    targets = annual_round.to_remind(annual_round.rows(w.supervisor, YEAR))
    today = timezone.localdate()
    kwargs = {"period": YEAR, "deadline": DEADLINE, "targets": targets}
    assert len(round_reports.send_reminders(w.supervisor, today=today, **kwargs)) == 1
    assert round_reports.send_reminders(w.supervisor, today=today, **kwargs) == []
    assert len(round_reports.send_reminders(w.supervisor, today=date.fromordinal(today.toordinal() + 1), **kwargs))
    assert Message.objects.filter(kind="oversight.round_reminder").count() == 2


def test_the_reminder_is_on_the_offices_desk_only(round_world, client):
    w = round_world
    client.force_login(w.supervisor)
    _remind(client)
    today = timezone.localdate()
    titles = [t.title for t in round_reminders(w.other_office, today)]
    assert titles == ["省级督查提醒：2022—2023学年年度报告未发布、逾期"]
    assert any(t.title == titles[0] for t in tasks_for(w.other_office, today))
    for person in ("office", "supervisor", "other_drafter", "drafter_a", "nobody"):
        assert round_reminders(w.people[person], today) == []
    client.force_login(w.other_office)
    assert titles[0] in client.get(reverse("workbench:todo")).content.decode()


def test_the_entry_leaves_once_the_report_is_published(round_world):
    w = round_world
    round_reports.send_reminders(
        w.supervisor,
        period=YEAR,
        deadline=DEADLINE,
        targets=[round_reports.Target(w.institution, ("incomplete",), ("其他需要报告的事项",))],
    )
    # the institution's report is published and the generated report has every part
    rows = {r.name: r for r in annual_round.rows(w.supervisor, YEAR)}
    assert rows[w.institution.name].published and rows[w.institution.name].missing_sections == []
    assert round_reminders(w.office, timezone.localdate()) == []


def test_only_the_supervisor_reminds(round_world, client):
    for person in ("office", "other_office", "drafter_a", "signer"):
        client.force_login(round_world.people[person])
        assert _remind(client).status_code == 403
    assert not RoundReminder.objects.exists() and not Message.objects.filter(kind="oversight.round_reminder")
    client.force_login(round_world.supervisor)
    assert client.get(reverse("reporting_staff:round_remind")).status_code == 405
