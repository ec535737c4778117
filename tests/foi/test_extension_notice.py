"""延期答复告知书: an extension is decided before the original due date, with approver and reason, and the
notice saying so is issued at once (e-mailed, or posted no later than the original due date)."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from tests.foi.conftest import applicant
from tests.foi.documents import docx_text, pdf_text
from xxgk.foi import notices, services
from xxgk.foi.models import DocumentSequence, Notice


def test_the_notice_states_reason_approver_and_both_dates(world, received, django_capture_on_commit_callbacks):
    app = received(on=date(2024, 3, 1))  # due 03-22
    with django_capture_on_commit_callbacks(execute=True):
        app = services.extend(
            world.office, app, reason="需要调取档案", approver="办公室主任 李四", today=date(2024, 3, 20)
        )
    notice = Notice.objects.get(application=app, kind="extension")
    assert (notice.original_due, notice.deadline, notice.approver) == (
        date(2024, 3, 22),
        date(2024, 4, 15),
        "办公室主任 李四",
    )
    assert notice.issued_on == date(2024, 3, 20)
    for text in (docx_text(notice.docx), pdf_text(notice.pdf)):
        assert "延期答复告知书" in text and notice.number in text
        assert "原答复期限为2024年3月22日" in text
        assert "因需要调取档案" in text and "经办公室主任 李四同意" in text
        assert "延长15个工作日，至2024年4月15日" in text
    assert [m.subject for m in mail.outbox] == [f"关于延期答复您的信息公开申请的告知（{app.code}）"]
    assert [name for name, _content, _type in mail.outbox[0].attachments] == [
        f"延期答复告知书-{app.code}-1.pdf",
        f"延期答复告知书-{app.code}-1.docx",
    ]
    assert notice.sent_at is not None


def test_an_extension_after_the_due_date_is_refused_and_issues_nothing(world, received):
    app = received(on=date(2024, 3, 1))  # due 03-22
    with pytest.raises(ValidationError, match="答复期限已过"):
        services.extend(world.office, app, reason="档案", approver="主任", today=date(2024, 3, 25))
    assert not Notice.objects.exists() and mail.outbox == []
    assert not DocumentSequence.objects.filter(last__gt=0).exists()  # no number was used up


def test_a_posted_extension_notice_must_leave_before_the_original_due_date(world):
    app = services.submit_online(
        world.institution, applicant(email="", delivery="post", info_form="paper"), today=date(2024, 3, 1)
    ).application
    services.extend(world.office, app, reason="档案", approver="主任", today=date(2024, 3, 21))
    notice = Notice.objects.get(application=app, kind="extension")
    assert notice.delivery == "post" and not notice.delivered
    with pytest.raises(ValidationError, match="原答复期限"):
        notices.record_posting(world.office, notice, postal_date=date(2024, 3, 25), today=date(2024, 3, 25))
    notice = notices.record_posting(world.office, notice, postal_date=date(2024, 3, 22), today=date(2024, 3, 25))
    assert notice.postal_date == date(2024, 3, 22)
