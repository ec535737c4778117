"""A notice whose files cannot be rendered after the decision committed: the decision stands, the notice
keeps its 文号 without files, and the office produces and sends it again from the staff page."""

from datetime import date

from django.core import mail
from django.urls import reverse

from xxgk.foi import notices, services
from xxgk.foi.models import Notice


def test_the_decision_stands_and_the_notice_is_produced_again(
    client, world, received, monkeypatch, django_capture_on_commit_callbacks
):
    app = received(on=date(2024, 3, 1))

    def broken(notice):
        raise RuntimeError("the PDF renderer crashed")

    monkeypatch.setattr(notices, "render_files", broken)
    app = services.request_correction(world.office, app, items="请写明年份。", on=date(2024, 3, 5))
    assert app.state == "awaiting_correction"
    notice = Notice.objects.get(application=app)
    assert not notice.pdf and not notice.delivered and mail.outbox == []
    monkeypatch.undo()
    client.force_login(world.office)
    assert "重新生成" in client.get(reverse("foi_staff:detail", kwargs={"pk": app.pk})).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("foi_staff:notice_retry", kwargs={"pk": app.pk, "notice_pk": notice.pk}))
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.pdf and notice.sent_at is not None
    assert [m.to for m in mail.outbox] == [["wxm@example.com"]] and app.code in mail.outbox[0].subject
