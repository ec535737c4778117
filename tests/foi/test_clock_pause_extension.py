"""Third-party consultation pauses the clock; one extension adds 15 working days; overdue shows as such."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from xxgk.foi import services


def test_consultation_pauses_the_clock(world, received):
    app = received(on=date(2024, 3, 1))  # due 03-22
    services.start_consultation(
        world.office, app, third_party="某科技有限公司", address="海口市某路1号", on=date(2024, 3, 11)
    )
    app.refresh_from_db()
    assert app.due_on is None
    assert services.status_of(app, date(2024, 3, 25)) == "paused"
    services.end_consultation(world.office, app, on=date(2024, 3, 15), note="第三方不同意公开")
    app.refresh_from_db()
    # 03-11..15 (5 working days) do not count: 03-04..08 (5), 03-18..22 (10), 03-25..29 (15)
    assert app.due_on == date(2024, 3, 29)


def test_only_one_consultation_at_a_time_and_end_after_start(world, received):
    app = received(on=date(2024, 3, 1))
    services.start_consultation(
        world.office, app, third_party="甲公司", email="legal@jia.example.com", on=date(2024, 3, 11)
    )
    with pytest.raises(ValidationError, match="正在进行"):
        services.start_consultation(
            world.office, app, third_party="乙公司", email="yi@example.com", on=date(2024, 3, 12)
        )
    with pytest.raises(ValidationError, match="不能早于开始日期"):
        services.end_consultation(world.office, app, on=date(2024, 3, 8))


def test_extension_adds_fifteen_working_days_once(world, received):
    app = received(on=date(2024, 3, 1))  # due 03-22
    app = services.extend(world.office, app, reason="需要调取档案", approver="办公室主任 李四", today=date(2024, 3, 20))
    # 03-25..29 (20), 04-01..03 (23), 04-04..06 清明 off, 04-07 (Sun, make-up) 24, 04-08..12 (29), 04-15 (30)
    assert app.due_on == date(2024, 4, 15)
    event = app.events.get(action="extended")
    assert event.data["approver"] == "办公室主任 李四" and event.comment == "需要调取档案"
    with pytest.raises(ValidationError, match="只能延长一次"):
        services.extend(world.office, app, reason="再延", approver="主任", today=date(2024, 3, 21))


def test_extension_needs_reason_and_approver_and_comes_before_the_due_date(world, received):
    app = received(on=date(2024, 3, 1))
    with pytest.raises(ValidationError, match="理由"):
        services.extend(world.office, app, reason="", approver="主任", today=date(2024, 3, 20))
    with pytest.raises(ValidationError, match="负责人"):
        services.extend(world.office, app, reason="档案", approver=" ", today=date(2024, 3, 20))
    with pytest.raises(ValidationError, match="已过"):
        services.extend(world.office, app, reason="档案", approver="主任", today=date(2024, 3, 25))


def test_due_soon_and_overdue(world, received):
    app = received(on=date(2024, 3, 1))  # due 03-22
    assert services.status_of(app, date(2024, 3, 18)) == "on_track"  # 4 working days left
    assert services.status_of(app, date(2024, 3, 19)) == "due_soon"  # 3 left
    assert services.status_of(app, date(2024, 3, 22)) == "due_soon"
    assert services.status_of(app, date(2024, 3, 23)) == "overdue"
