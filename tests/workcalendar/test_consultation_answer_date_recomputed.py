"""An open third-party consultation's answer date moves with the calendar, with the application's event."""

from datetime import date

from tests.workcalendar.conftest import received
from xxgk.foi import services as foi
from xxgk.foi.models import EventAction
from xxgk.workcalendar import services


def test_an_override_moves_the_third_partys_answer_date(world):
    app = received(world.institution, date(2026, 12, 10))
    pause = foi.start_consultation(
        world.office, app, third_party="某科技有限公司", address="海口市某路1号", on=date(2026, 12, 14)
    )
    assert pause.answer_by == date(2027, 1, 5)  # 15 working days, 元旦 2027-01-01 a provisional holiday

    services.set_override(world.supervisor, date(2027, 1, 4), is_workday=False, note="假设的2027年元旦调休")

    pause.refresh_from_db()
    assert pause.answer_by == date(2027, 1, 6)
    event = app.events.get(action=EventAction.DEADLINE_RECOMPUTED)
    assert event.data["answer_by"] == [["某科技有限公司", "2027-01-05", "2027-01-06"]]
