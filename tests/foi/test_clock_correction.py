"""补正: one notice with a deadline; the clock restarts on the supplement; silence closes it as withdrawn."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from xxgk.foi import services
from xxgk.foi.models import ApplicationEvent, State


def test_supplement_restarts_the_clock(world, received):
    app = received(on=date(2024, 3, 1))
    assert app.due_on == date(2024, 3, 22)
    app = services.request_correction(world.office, app, items="请写明所需文件的年份。", on=date(2024, 3, 5))
    assert app.state == State.AWAITING_CORRECTION
    assert app.due_on is None  # the clock waits for the supplement
    # correction deadline: 10 working days from 03-05 -> 03-19
    assert app.correction_due_on == date(2024, 3, 19)
    app = services.supplement(None, app, text="所需为2023年的文件。", on=date(2024, 3, 11))
    assert app.state == State.RECEIVED
    assert app.clock_start == date(2024, 3, 11)
    # counted afresh from 03-12: 03-12..15, 03-18..22, 03-25..29 (14), 04-01 (15)
    assert app.due_on == date(2024, 4, 1)
    assert list(app.events.values_list("action", flat=True)) == [
        "submitted",
        "correction_requested",
        "notice_sent",
        "supplemented",
    ]


def test_correction_is_one_notice_only(world, received):
    app = services.request_correction(world.office, received(), items="请写明年份。", on=date(2024, 3, 4))
    app = services.supplement(None, app, text="2023年", on=date(2024, 3, 6))
    with pytest.raises(ValidationError, match="一次性告知"):
        services.request_correction(world.office, app, items="再补一次", on=date(2024, 3, 7))


def test_a_correction_notice_must_list_what_is_missing(world, received):
    with pytest.raises(ValidationError, match="需要补正的内容"):
        services.request_correction(world.office, received(), items="  ")


def test_no_supplement_by_the_deadline_closes_it_as_withdrawn(world, received):
    app = services.request_correction(world.office, received(), items="请写明年份。", on=date(2024, 3, 5))
    with pytest.raises(ValidationError, match="尚未届满"):
        services.expire_correction(None, app, today=date(2024, 3, 19))
    closed = services.expire_corrections(today=date(2024, 3, 20))
    assert [a.pk for a in closed] == [app.pk]
    app.refresh_from_db()
    assert app.state == State.WITHDRAWN
    assert app.closed_on == date(2024, 3, 20)
    assert (app.outcome_type.code, app.outcome_reason.code) == ("other", "no_supplement")
    assert ApplicationEvent.objects.filter(application=app, action="withdrawn", actor=None).exists()


def test_the_applicant_cannot_supplement_after_the_deadline(world, received):
    app = services.request_correction(world.office, received(), items="请写明年份。", on=date(2024, 3, 5))
    with pytest.raises(ValidationError, match="补正期限已过"):
        services.supplement(None, app, text="晚了", on=date(2024, 3, 20))


def test_late_correction_notice_is_recorded(world, received):
    # the rule says tell the applicant within 7 working days (03-01 -> 03-12); 03-13 is late
    app = services.request_correction(world.office, received(), items="请写明年份。", on=date(2024, 3, 13))
    event = app.events.get(action="correction_requested")
    assert event.data["late_notice"] is True
