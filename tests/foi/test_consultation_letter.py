"""征求意见函: consulting a third party sends it a numbered letter with its answer date (15 working days on the
institution's calendar); the letter goes to the third party, never onto the applicant's page."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from tests.foi.documents import docx_text, pdf_text
from xxgk.foi import services
from xxgk.foi.models import ClockPause, Notice
from xxgk.notify.models import Message


def test_the_letter_gives_the_third_party_its_answer_date(world, received, django_capture_on_commit_callbacks):
    app = received(on=date(2024, 3, 1))
    with django_capture_on_commit_callbacks(execute=True):
        services.start_consultation(
            world.office,
            app,
            third_party="某科技有限公司",
            email="legal@keji.example.com",
            on=date(2024, 3, 11),
            note="申请公开贵公司参与投标的报价明细。",
        )
    pause = ClockPause.objects.get(application=app)
    # 15 working days after 03-11: 03-12..15 (4), 03-18..22 (9), 03-25..29 (14), 04-01 (15)
    assert pause.answer_by == date(2024, 4, 1)
    notice = Notice.objects.get(application=app)
    assert (notice.kind, notice.recipient, notice.deadline, notice.pause) == (
        "consultation",
        "某科技有限公司",
        date(2024, 4, 1),
        pause,
    )
    for text in (docx_text(notice.docx), pdf_text(notice.pdf)):
        assert "征求第三方意见函" in text and notice.number in text and "某科技有限公司：" in text
        assert "2024年4月1日前（15个工作日内）" in text and "报价明细" in text
        assert "王小明" not in text  # the applicant is not named to the third party
    # the third party gets the letter; the applicant is told, without it, that the clock stands still
    assert sorted(m.to[0] for m in mail.outbox) == ["legal@keji.example.com", "wxm@example.com"]
    letter = next(m for m in mail.outbox if m.to == ["legal@keji.example.com"])
    assert letter.subject == f"海滨理工大学征求意见函（{notice.number}）"
    assert "2024年4月1日前书面提出意见" in letter.body and "王小明" not in letter.body
    assert letter.attachments[0][0] == f"征求意见函-{app.code}-1.pdf"
    told = next(m for m in mail.outbox if m.to == ["wxm@example.com"])
    assert "征求意见所需时间不计入答复期限" in told.body and not told.attachments
    event = app.events.get(action="consultation_started")
    assert event.data["answer_by"] == "2024-04-01" and event.data["number"] == notice.number


def test_a_third_party_needs_an_address_or_an_email(world, received):
    app = received(on=date(2024, 3, 1))
    with pytest.raises(ValidationError, match="通讯地址"):
        services.start_consultation(world.office, app, third_party="某公司", on=date(2024, 3, 11))
    assert not ClockPause.objects.exists() and not Notice.objects.exists()


def test_by_post_the_letter_waits_for_its_postal_date(world, received):
    app = received(on=date(2024, 3, 1))
    services.start_consultation(world.office, app, third_party="张某", address="海口市龙华路2号", on=date(2024, 3, 11))
    notice = Notice.objects.get(application=app)
    assert notice.delivery == "post" and notice.recipient_address == "海口市龙华路2号"
    assert not Message.objects.filter(kind="foi.consultation_letter").exists() and notice.pdf  # nothing e-mailed
