"""Whoever must act next is e-mailed when work arrives on their desk (never the person who sent it on);
each morning a digest lists what is overdue or due within three working days."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from tests.foi.conftest import applicant
from tests.oversight.conftest import write
from xxgk.foi import services as foi
from xxgk.notify.models import Message
from xxgk.oversight import services as oversight
from xxgk.oversight.models import MailboxKind
from xxgk.publishing import services as publishing


@pytest.fixture
def emails(world, settings):
    settings.XXGK_SITE_URL = "https://xxgk.example.edu.cn"
    for name, user in world.people.items():
        user.email = f"{name}@example.edu.cn"
        user.save()
    return world


def _to(about=None):
    qs = Message.objects.filter(kind="staff.work_arrived")
    return sorted(m.recipient.split("@")[0] for m in qs)


def test_record_submitted_reaches_its_checker(emails):
    world = emails
    record = world.draft()
    publishing.submit(world.drafter_a, record)
    assert _to() == ["checker_a"]
    message = Message.objects.get(kind="staff.work_arrived")
    assert record.title in message.body and "核稿" in message.body
    assert f"https://xxgk.example.edu.cn/staff/records/{record.pk}/" in message.body
    publishing.approve(world.checker_a, record)
    assert _to() == ["checker_a", "secrecy"]


def test_application_reaches_the_office_then_the_department(emails):
    world = emails
    app = foi.submit_online(world.institution, applicant(), today=date(2026, 12, 1)).application
    assert _to() == ["office"]
    foi.route(world.office, app, world.dept_a)
    # any role of the department may draft an FOI reply; the office, who routed it, is not told again
    assert _to() == ["checker_a", "drafter_a", "office"]


def test_letter_reaches_the_departments_drafter(emails):
    world = emails
    world.add_logistics()
    world.hq_drafter.email = "hq_drafter@example.edu.cn"
    world.hq_drafter.save()
    box = oversight.create_mailbox(world.office, world.institution, name="校长信箱", kind=MailboxKind.PRESIDENT)
    letter, _password = write(box, writer_contact="13912345678")
    assert _to() == ["office"]
    oversight.route(world.office, letter, world.hq)
    assert _to() == ["hq_drafter", "office"]


def test_daily_digest_once_a_day(emails):
    foi.submit_online(emails.institution, applicant(), today=date(2024, 3, 1))  # long overdue
    Message.objects.all().delete()
    call_command("send_digest", "--date", "2026-12-07")
    digest = Message.objects.get(kind="staff.digest", recipient="office@example.edu.cn")
    assert "【已逾期】" in digest.body and "2023年本科招生各省录取分数统计表" in digest.body
    assert "2025—2026学年信息公开工作年度报告" in digest.body  # the report was due on 2026-10-31
    sent = Message.objects.filter(kind="staff.digest").count()
    call_command("send_digest", "--date", "2026-12-07")
    assert Message.objects.filter(kind="staff.digest").count() == sent
