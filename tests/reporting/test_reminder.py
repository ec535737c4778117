"""`xxgk report remind` e-mails the office administrators from October 1 until the report is final."""

from __future__ import annotations

from datetime import date

from django.core import mail
from django.core.management import call_command

from tests.reporting.conftest import END, START, institution, user
from xxgk.reporting import services


def _with_emails():
    for slug in ("hntou", "qzoi"):
        u = user(f"{slug}-office")
        u.email = f"office@{slug}.example.cn"
        u.save()


def test_no_reminder_in_september(demo):
    _with_emails()
    assert services.remind(today=date(2023, 9, 30)) == []
    assert mail.outbox == []


def test_reminders_from_october_first(demo):
    _with_emails()
    call_command("report", "remind", "--today", "2023-10-08")
    assert sorted(m.to[0] for m in mail.outbox) == ["office@hntou.example.cn", "office@qzoi.example.cn"]
    assert "2022—2023学年" in mail.outbox[0].subject
    assert "还有23天" in mail.outbox[0].body


def test_no_reminder_once_final(demo):
    _with_emails()
    office = user("qzoi-office")
    report = services.open_report(office, institution("qzoi"), period=services.Period(START, END))
    services.finalise(office, report)
    mail.outbox.clear()
    sent = services.remind(today=date(2023, 11, 2))
    assert [i.slug for i, _ in sent] == ["hntou"]
    assert "已超过" in mail.outbox[0].body
