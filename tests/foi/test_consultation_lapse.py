"""A consultation whose answer date passes without an answer does not pause the clock for ever: `foi_alerts`
resumes the clock on the answer date (rules: resume) or reports it to the office every day until it decides
(rules: alert); either way the lapse is recorded once as an event."""

from datetime import date
from io import StringIO

from django.core import mail
from django.core.management import call_command

from xxgk.foi import consultations, services
from xxgk.foi.loader import rules_for
from xxgk.foi.models import ClockPause, EventAction


def run(*args):
    out = StringIO()
    call_command("foi_alerts", *args, stdout=out)
    return out.getvalue()


def consult(world, app, on):
    services.start_consultation(world.office, app, third_party="某科技有限公司", address="海口市某路1号", on=on)
    return ClockPause.objects.get(application=app)


def test_the_clock_resumes_on_the_answer_date(world, received):
    app = received(on=date(2026, 2, 27))
    pause = consult(world, app, date(2026, 3, 3))
    assert pause.answer_by == date(2026, 3, 24)  # 15 working days: 03-04..06, 09..13, 16..20, 23, 24
    assert consultations.lapse_due(today=date(2026, 3, 24)) == []  # the last day is still the third party's
    out = run("--date", "2026-12-01")
    assert f"hblg {app.code} 第三方（某科技有限公司）逾期未提出意见（答复期限 2026-03-24），计时已恢复" in out
    pause.refresh_from_db()
    app.refresh_from_db()
    assert pause.ended_on == date(2026, 3, 24) and pause.lapsed_on == date(2026, 12, 1)
    # received 02-27: 02-28 (a Saturday worked for 春节) 1, 03-02 (2), 03-03 paused through 03-24,
    # then 03-25..27 (5), 03-30..04-03 (10), 04-07..10 (14; 04-06 清明 off), 04-13 (15)
    assert app.due_on == date(2026, 4, 13)
    event = app.events.get(action=EventAction.CONSULTATION_LAPSED)
    assert event.data["resumed"] is True and event.data["answer_by"] == "2026-03-24"
    assert event.data["due_on"] == "2026-04-13"
    run("--date", "2026-12-02")
    assert app.events.filter(action=EventAction.CONSULTATION_LAPSED).count() == 1


def test_a_pause_recorded_before_answer_dates_were_kept_lapses_too(world, received):
    app = received(on=date(2026, 2, 27))
    consult(world, app, date(2026, 3, 3))
    ClockPause.objects.filter(application=app).update(answer_by=None)  # a row from before this change
    assert consultations.lapse_due(today=date(2026, 12, 1))[0].ended_on == date(2026, 3, 24)
    app.refresh_from_db()
    assert app.due_on == date(2026, 4, 13) and services.status_of(app, date(2026, 12, 1)) == "overdue"


def test_with_alert_the_office_is_told_every_day_until_it_decides(world, received):
    services.update_rules(world.office, rules_for(world.institution), consultation_lapse="alert")
    world.office.email = "office@hblg.edu.cn"
    world.office.save()
    app = received(on=date(2026, 2, 27))
    consult(world, app, date(2026, 3, 3))
    mail.outbox.clear()
    out = run("--date", "2026-03-25")
    assert "待办公室决定" in out and "征求意见逾期未答复 1 件" in out
    assert len(mail.outbox) == 1 and app.code in mail.outbox[0].body
    assert "征求第三方意见已过答复期限" in mail.outbox[0].body
    pause = ClockPause.objects.get(application=app)
    app.refresh_from_db()
    assert pause.ended_on is None and pause.lapsed_on == date(2026, 3, 25) and app.due_on is None
    assert app.events.get(action=EventAction.CONSULTATION_LAPSED).data["resumed"] is False
    assert "征求意见逾期未答复：" in run("--date", "2026-03-26")  # reported again, not recorded again
    assert app.events.filter(action=EventAction.CONSULTATION_LAPSED).count() == 1
    services.end_consultation(world.office, app, on=date(2026, 3, 26), note="电话催告无果，恢复计时")
    assert "征求意见逾期未答复" not in run("--date", "2026-03-27", "--force")


def test_a_dry_run_reports_but_changes_nothing(world, received):
    app = received(on=date(2026, 2, 27))
    consult(world, app, date(2026, 3, 3))
    out = run("--date", "2026-12-01", "--dry-run")
    assert f"征求意见逾期未答复：{app.code}" in out
    assert ClockPause.objects.get(application=app).ended_on is None
