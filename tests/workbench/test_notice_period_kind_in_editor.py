"""The record editor sets whether a 公示 period counts working days or calendar days; a form that does not
send the choice keeps the record's (a new record's is the data file's default)."""

from datetime import date

from django.urls import reverse

from xxgk.publishing.models import Record

NOTICE = {
    "title": "关于2024年国家奖学金评定结果的公示",
    "formed_on": "2024-09-26",
    "body": "经评审，拟推荐以下同学获得国家奖学金。",
    "is_notice": "on",
    "notice_start": "2024-09-27",
    "notice_days": "5",
    "objection_contact": "学生工作处，电话 0898-66660001",
}


def test_the_editor_saves_calendar_days_and_keeps_them(client, world):
    client.force_login(world.drafter_a)
    client.post(reverse("workbench:new"), {"department": world.dept_a.pk, **NOTICE, "notice_day_kind": "calendar"})
    record = Record.objects.get(title=NOTICE["title"])
    assert (record.notice_day_kind, record.notice_end) == ("calendar", date(2024, 10, 1))
    client.post(reverse("workbench:edit", args=[record.pk]), {**NOTICE, "notice_days": "7"})
    record = Record.objects.get(pk=record.pk)
    assert (record.notice_day_kind, record.notice_end) == ("calendar", date(2024, 10, 3))
    html = client.get(reverse("workbench:edit", args=[record.pk])).content.decode()
    assert '<option value="calendar" selected>' in html


def test_without_the_choice_a_new_notice_counts_working_days(client, world):
    client.force_login(world.drafter_a)
    client.post(reverse("workbench:new"), {"department": world.dept_a.pk, **NOTICE})
    record = Record.objects.get(title=NOTICE["title"])
    assert (record.notice_day_kind, record.notice_end) == ("workdays", date(2024, 10, 9))
