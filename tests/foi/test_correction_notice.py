"""补正告知书: asking for a correction issues a numbered notice (一次性告知 of every item, the deadline, the
consequence) as DOCX and PDF, e-mailed to the applicant or posted with the postal date recorded."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from tests.foi.conftest import applicant
from tests.foi.documents import docx_text, pdf_text
from xxgk.foi import notices, services
from xxgk.foi.models import EventAction, Notice

ITEMS = "1. 请写明所需信息的年份；\n2. 请说明“录取分数”指本科还是研究生。"


def test_the_notice_lists_every_item_the_deadline_and_the_consequence(world, received):
    app = received(on=date(2024, 3, 1))
    services.request_correction(world.office, app, items=ITEMS, on=date(2024, 3, 5))
    notice = Notice.objects.get(application=app)
    assert (notice.kind, notice.number, notice.issued_on) == ("correction", "海滨理工信公〔2024〕1号", date(2024, 3, 5))
    assert notice.deadline == date(2024, 3, 19)  # 10 working days after 03-05
    for text in (docx_text(notice.docx), pdf_text(notice.pdf)):
        assert "补正告知书" in text and "海滨理工信公〔2024〕1号" in text
        assert "请写明所需信息的年份" in text and "指本科还是研究生" in text
        assert "2024年3月19日前补正" in text
        assert "逾期未补正的，视为放弃本次申请" in text
        assert "党政办公室" in text and "2024年3月5日" in text and app.code in text
    event = app.events.get(action=EventAction.CORRECTION_REQUESTED)
    assert event.data["number"] == "海滨理工信公〔2024〕1号"


def test_by_email_the_applicant_gets_it_attached(world, received, django_capture_on_commit_callbacks):
    app = received(on=date(2024, 3, 1))
    with django_capture_on_commit_callbacks(execute=True):
        services.request_correction(world.office, app, items=ITEMS, on=date(2024, 3, 5))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["wxm@example.com"] and message.subject == f"请补正您的信息公开申请（{app.code}）"
    assert "请写明所需信息的年份" in message.body and "2024年3月19日前补正" in message.body
    names = [name for name, _content, _type in message.attachments]
    assert names == [f"补正告知书-{app.code}-1.pdf", f"补正告知书-{app.code}-1.docx"]
    assert message.attachments[0][1].startswith(b"%PDF-")
    notice = Notice.objects.get(application=app)
    assert notice.sent_at is not None and notice.delivered and notice.message.state == "sent"
    assert app.events.filter(action=EventAction.NOTICE_SENT, data__number=notice.number).count() == 1


def test_by_post_the_office_records_the_postal_date(world):
    app = services.submit_online(
        world.institution, applicant(email="", delivery="post", info_form="paper"), today=date(2024, 3, 1)
    ).application
    services.request_correction(world.office, app, items=ITEMS, on=date(2024, 3, 5))
    notice = Notice.objects.get(application=app)
    assert notice.delivery == "post" and notice.recipient_address.startswith("海南省海口市")
    assert mail.outbox == [] and not notice.delivered and notice.pdf
    with pytest.raises(ValidationError, match="不能早于发文日期"):
        notices.record_posting(world.office, notice, postal_date=date(2024, 3, 4), today=date(2024, 3, 6))
    notice = notices.record_posting(world.office, notice, postal_date=date(2024, 3, 6), today=date(2024, 3, 6))
    assert notice.postal_date == date(2024, 3, 6) and notice.delivered
    event = app.events.get(action=EventAction.NOTICE_POSTED)
    assert event.data == {"kind": "correction", "number": notice.number, "postal_date": "2024-03-06"}
    with pytest.raises(ValidationError, match="已经送达"):
        notices.record_posting(world.office, notice, postal_date=date(2024, 3, 6), today=date(2024, 3, 6))


def test_email_cannot_be_chosen_without_an_address_and_nothing_is_left(world):
    app = services.submit_online(
        world.institution, applicant(email="", delivery="post", info_form="paper"), today=date(2024, 3, 1)
    ).application
    with pytest.raises(ValidationError, match="没有收件人的电子邮箱"):
        services.request_correction(world.office, app, items=ITEMS, on=date(2024, 3, 5), delivery="email")
    app.refresh_from_db()
    assert app.state == "received" and not Notice.objects.exists()


def test_the_office_edits_the_template(world, received):
    from xxgk.foi.loader import notice_template

    template = notice_template(world.institution, "correction")
    notices.update_notice_template(
        world.office, template, body="{{ notice.recipient }}：\n本校自定的补正文字。{{ notice.text }}"
    )
    app = received(on=date(2024, 3, 1))
    services.request_correction(world.office, app, items="请补充年份。", on=date(2024, 3, 5))
    text = docx_text(Notice.objects.get(application=app).docx)
    assert "本校自定的补正文字。请补充年份。" in text and "王小明：" in text


def test_without_email_or_address_the_notice_waits_on_the_status_page(world, received):
    app = services.submit_online(
        world.institution, applicant(email="", address="", postcode="", delivery="collect"), today=date(2024, 3, 1)
    ).application
    services.request_correction(world.office, app, items=ITEMS, on=date(2024, 3, 5))
    notice = Notice.objects.get(application=app)
    assert notice.delivery == "online" and notice.delivered and notice.pdf and mail.outbox == []
    assert app.events.get(action=EventAction.NOTICE_SENT).data["delivery"] == "online"
    with pytest.raises(ValidationError, match="请选择送达方式"):
        services.start_consultation(
            world.office,
            received(),
            third_party="某公司",
            email="a@example.com",
            delivery="online",
            on=date(2024, 3, 6),
        )
