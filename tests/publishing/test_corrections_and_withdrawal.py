"""更正 keeps what was published before, with the reason; 撤回 takes a record off the public site
and keeps the reason."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from xxgk.org.policy import can
from xxgk.publishing import services
from xxgk.publishing.models import EventAction, Record, RecordState, RecordVersion

from .conftest import beijing, events_of

pytestmark = pytest.mark.django_db


def test_a_correction_keeps_the_previous_content_as_a_version(published, signer):
    old_title, old_body = published.title, published.body

    corrected = services.correct(
        signer,
        published,
        {"title": "关于2024年专升本招生录取结果的公示（更正）", "body": "<p>录取名单第3行姓名更正为“李华”。</p>"},
        reason="名单中一名考生姓名有误",
    )

    assert corrected.version == 2
    assert corrected.title == "关于2024年专升本招生录取结果的公示（更正）"
    assert corrected.body == "<p>录取名单第3行姓名更正为“李华”。</p>"
    [kept] = RecordVersion.objects.filter(record=published)
    assert (kept.version, kept.title, kept.body, kept.reason) == (1, old_title, old_body, "名单中一名考生姓名有误")
    assert kept.published_at == published.published_at == beijing(2024, 6, 5)
    assert kept.formed_on == date(2024, 6, 3)
    fresh = Record.objects.get(pk=published.pk)
    assert (fresh.version, fresh.title, fresh.state) == (2, corrected.title, RecordState.PUBLISHED)
    assert fresh.published_at == beijing(2024, 6, 5)  # the original publication date stands
    assert fresh.is_public


def test_the_correction_event_lists_the_changed_fields_and_the_reason(published, signer):
    count = len(events_of(published))

    services.correct(
        signer,
        published,
        {"title": published.title, "summary": "更正后的概述", "doc_number": "热海大招〔2024〕5号"},
        reason="补充发文字号",
    )

    events = events_of(published)
    assert len(events) == count + 1
    event = events[-1]
    assert (event.action, event.actor, event.comment) == (EventAction.CORRECTED, signer, "补充发文字号")
    assert (event.from_state, event.to_state) == (RecordState.PUBLISHED, RecordState.PUBLISHED)
    assert sorted(event.data["fields"]) == ["doc_number", "summary"]  # the unchanged title is not listed
    assert event.data["version"] == 2


def test_each_correction_adds_a_version(published, signer, drafter):
    first_title = published.title
    record = services.correct(signer, published, {"title": "第二稿"}, reason="一改")
    record = services.correct(drafter, record, {"title": "第三稿"}, reason="二改")

    assert record.version == 3
    assert list(
        RecordVersion.objects.filter(record=published).order_by("version").values_list("version", "title", "reason")
    ) == [(1, first_title, "一改"), (2, "第二稿", "二改")]


def test_the_office_may_correct_and_the_department_drafter_too(published, office, drafter):
    services.correct(office, published, {"title": "办公室更正"}, reason="办公室核对")
    services.correct(drafter, published, {"title": "信息员更正"}, reason="信息员核对")
    assert Record.objects.get(pk=published.pk).title == "信息员更正"


def test_a_correction_cannot_blank_the_title_or_date_the_record_in_the_future(published, signer):
    with pytest.raises(ValidationError, match="请填写标题"):
        services.correct(signer, published, {"title": "   "}, reason="清空标题")
    with pytest.raises(ValidationError, match="生成日期不能晚于今天"):
        services.correct(signer, published, {"formed_on": date(2999, 1, 1)}, reason="改日期")
    assert not RecordVersion.objects.filter(record=published).exists()
    assert Record.objects.get(pk=published.pk).version == 1


def test_withdrawing_takes_the_record_off_and_keeps_the_reason(published, signer, supervisor):
    count = len(events_of(published))

    withdrawn = services.withdraw(signer, published, reason="  公示对象信息有误，待核实后重新发布  ")

    fresh = Record.objects.get(pk=published.pk)
    assert withdrawn.state == fresh.state == RecordState.WITHDRAWN
    assert not fresh.is_public
    assert fresh.withdrawn_reason == "公示对象信息有误，待核实后重新发布"
    assert fresh.index_number == published.index_number  # the number is not given to anything else
    events = events_of(published)
    assert len(events) == count + 1
    assert (events[-1].action, events[-1].actor, events[-1].from_state, events[-1].to_state, events[-1].comment) == (
        EventAction.WITHDRAWN,
        signer,
        RecordState.PUBLISHED,
        RecordState.WITHDRAWN,
        "公示对象信息有误，待核实后重新发布",
    )
    # still on file for those who supervise the office
    assert can(supervisor, "view", fresh)
    assert fresh.state_changed_at <= timezone.now()


def test_the_office_may_withdraw_but_the_drafter_may_not(published, office, drafter):
    with pytest.raises(PermissionDenied):
        services.withdraw(drafter, published, reason="信息员撤回")
    assert services.withdraw(office, published, reason="办公室撤回").state == RecordState.WITHDRAWN
