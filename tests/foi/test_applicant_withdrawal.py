"""The applicant withdraws an open application from the status page: 申请人撤回, not 视为放弃; counted under （六）其他处理."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.foi.conftest import applicant, second_office
from xxgk.foi import services
from xxgk.foi.models import ReplyType, State
from xxgk.foi.stats import national_table
from xxgk.foi.withdrawal import withdraw

STATUS = reverse("foi:status", kwargs={"slug": "hblg"})


def submit(world, on=date(2024, 3, 1), **fields):
    return services.submit_online(world.institution, applicant(**fields), today=on)


def open_status(client, receipt):
    response = client.post(STATUS, {"code": receipt.application.code, "secret": receipt.secret})
    assert response.status_code == 302
    return response["Location"]


def withdraw_url(app):
    return reverse("foi:withdraw", kwargs={"slug": "hblg", "code": app.code})


def test_the_applicant_withdraws_from_the_status_page(client, world):
    receipt = submit(world)
    page_url = open_status(client, receipt)
    page = client.get(page_url).content.decode()
    assert 'id="form-withdraw"' in page
    response = client.post(withdraw_url(receipt.application), {"note": "已从其他渠道获得", "confirm": "on"})
    assert response.status_code == 302
    app = receipt.application
    app.refresh_from_db()
    assert app.state == State.CANCELLED and app.state != State.WITHDRAWN
    assert app.closed_on is not None and app.due_on is not None
    assert (app.outcome_type.code, app.outcome_reason.code) == ("other", "withdrawn")
    assert app.on_time is None
    event = app.events.get(action="cancelled")
    assert event.actor is None and event.comment == "已从其他渠道获得" and event.from_state == State.RECEIVED
    page = client.get(page_url).content.decode()
    assert "申请人已撤回申请" in page and 'id="form-withdraw"' not in page


def test_withdrawal_needs_the_confirmation_and_the_secret(client, world):
    receipt = submit(world)
    # without code and secret the status page has not been opened in this session
    assert client.post(withdraw_url(receipt.application), {"confirm": "on"}).status_code == 404
    open_status(client, receipt)
    response = client.post(withdraw_url(receipt.application), {"note": ""})
    assert response.status_code == 400 and "请勾选确认" in response.content.decode()
    receipt.application.refresh_from_db()
    assert receipt.application.state == State.RECEIVED


def test_a_closed_application_cannot_be_withdrawn(world):
    app = submit(world).application
    services.draft_reply(
        world.office, app, reply_type=ReplyType.objects.get(code="public"), reason=None, text="见附件。"
    )
    services.approve_reply(second_office(world), app)
    services.send_reply(world.office, app, on=date(2024, 3, 8))
    with pytest.raises(ValidationError, match="已经办结"):
        withdraw(app)
    app.refresh_from_db()
    assert app.state == State.CLOSED


def test_withdrawal_ends_an_open_consultation(world):
    app = submit(world).application
    services.start_consultation(world.office, app, third_party="某公司", address="海口市某路1号", on=date(2024, 3, 4))
    app = withdraw(app, today=date(2024, 3, 6))
    assert app.pauses.get().ended_on == date(2024, 3, 6)


def test_the_staff_page_shows_the_withdrawal(client, world):
    app = withdraw(submit(world).application, note="不再需要", today=date(2024, 3, 5))
    client.force_login(world.office)
    page = client.get(reverse("foi_staff:detail", kwargs={"pk": app.pk})).content.decode()
    assert "申请人撤回" in page and "申请人撤回申请" in page and "不再需要" in page
    closed = client.get(reverse("foi_staff:list"), {"show": "closed"}).content.decode()
    assert app.code in closed


def test_the_national_table_counts_a_withdrawal_under_other_handling(world):
    withdraw(submit(world, title="甲").application, today=date(2024, 3, 5))
    expired = submit(world, title="乙").application
    services.request_correction(world.office, expired, items="请写明年份。", on=date(2024, 3, 4))
    services.expire_corrections(today=date(2024, 4, 30))
    t = national_table(world.institution, date(2024, 1, 1), date(2024, 12, 31))
    assert t.row("other:other").counts["natural"] == 1  # 申请人撤回 → （六）其他处理 3.其他
    assert t.row("other:no_supplement").counts["natural"] == 1  # 视为放弃 stays its own row
    assert t.row("total").total == 2 and t.row("carried_out").total == 0
    assert t.balanced
