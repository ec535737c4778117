"""`xxgk foi_alerts`: due-soon and overdue lists e-mailed to the office, once a day; expired 补正 closed."""

from datetime import date
from io import StringIO

from django.core import mail
from django.core.management import call_command

from tests.foi.conftest import applicant
from xxgk.foi import services


def run(*args):
    out = StringIO()
    call_command("foi_alerts", *args, stdout=out)
    return out.getvalue()


def test_alerts_go_to_the_office_once_a_day(world):
    world.office.email = "office@hblg.edu.cn"
    world.office.save()
    late = services.submit_online(world.institution, applicant(title="逾期的申请"), today=date(2024, 3, 1))
    soon = services.submit_online(world.institution, applicant(title="快到期的申请"), today=date(2024, 3, 6))
    services.submit_online(world.institution, applicant(title="刚收到的申请"), today=date(2024, 3, 25))
    # on 03-25: the first was due 03-22 (overdue); the second is due 03-27 (2 working days left)
    out = run("--date", "2024-03-25")
    assert "hblg: 即将到期 1 件，已逾期 1 件；已发送给 office@hblg.edu.cn" in out
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["office@hblg.edu.cn"]
    assert late.application.code in message.body and soon.application.code in message.body
    assert "刚收到的申请" not in message.body
    assert "今天已发送过" in run("--date", "2024-03-25")
    assert len(mail.outbox) == 1


def test_expired_corrections_are_closed_by_the_command(world):
    app = services.submit_online(world.institution, applicant(), today=date(2024, 3, 1)).application
    services.request_correction(world.office, app, items="请写明年份。", on=date(2024, 3, 4))
    out = run("--date", "2024-04-01")
    assert f"{app.code} 逾期未补正，视为放弃" in out
    app.refresh_from_db()
    assert app.state == "withdrawn"


def test_dry_run_sends_nothing(world):
    world.office.email = "office@hblg.edu.cn"
    world.office.save()
    services.submit_online(world.institution, applicant(), today=date(2024, 3, 1))
    assert "试运行" in run("--date", "2024-03-25", "--dry-run")
    assert not mail.outbox
