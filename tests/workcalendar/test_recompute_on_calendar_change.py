"""Adding or removing an override moves every affected open deadline, each with an event, in its transaction."""

from datetime import date

from tests.workcalendar.conftest import letter, received
from xxgk.foi import services as foi
from xxgk.foi.models import EventAction
from xxgk.oversight.models import LetterAction
from xxgk.workcalendar import services
from xxgk.workcalendar.models import CalendarOverride


def test_an_override_moves_open_due_dates_with_an_event(world, box):
    app = received(world.institution, date(2026, 12, 18))
    assert (app.due_on, app.due_certain) == (date(2027, 1, 11), False)  # provisional: 元旦 by the rules
    mail = letter(world, box, date(2026, 12, 4))
    assert mail.due_on == date(2027, 1, 4)  # 12-07 … 12-31 (19), (01-01 元旦), 01-04
    closed = received(world.institution, date(2026, 12, 17))
    closed.state = "closed"
    closed.save(update_fields=["state"])

    services.set_override(world.supervisor, date(2027, 1, 4), is_workday=False, note="假设的2027年元旦调休")

    app.refresh_from_db()
    mail.refresh_from_db()
    closed.refresh_from_db()
    assert app.due_on == date(2027, 1, 12)
    assert mail.due_on == date(2027, 1, 5)
    assert closed.due_on == date(2027, 1, 8)  # a closed application keeps what it had
    event = app.events.get(action=EventAction.DEADLINE_RECOMPUTED)
    assert event.data["due_on"] == ["2027-01-11", "2027-01-12"] and event.actor == world.supervisor
    assert "2027-01-04" in event.comment
    mail_event = mail.events.get(action=LetterAction.DEADLINE_RECOMPUTED)
    assert mail_event.data["due_on"] == ["2027-01-04", "2027-01-05"]
    assert not closed.events.filter(action=EventAction.DEADLINE_RECOMPUTED).exists()

    services.remove_override(world.supervisor, CalendarOverride.objects.get())
    app.refresh_from_db()
    assert app.due_on == date(2027, 1, 11)
    assert app.events.filter(action=EventAction.DEADLINE_RECOMPUTED).count() == 2


def test_a_correction_deadline_moves_too(world):
    app = received(world.institution, date(2026, 12, 18))
    app = foi.request_correction(world.office, app, items="请写明所需信息的文号。", on=date(2026, 12, 21))
    assert app.correction_due_on == date(2027, 1, 5)  # 10: 12-22 … 12-31 (8), (01-01 元旦), 01-04, 01-05
    services.set_override(world.supervisor, date(2027, 1, 4), is_workday=False, note="假设")
    app.refresh_from_db()
    assert app.correction_due_on == date(2027, 1, 6)
    event = app.events.get(action=EventAction.DEADLINE_RECOMPUTED)
    assert event.data["correction_due_on"] == ["2027-01-05", "2027-01-06"]


def test_an_unaffected_deadline_gets_no_event(world):
    app = received(world.institution, date(2026, 11, 2))
    services.set_override(world.supervisor, date(2027, 1, 4), is_workday=False, note="假设")
    assert not app.events.filter(action=EventAction.DEADLINE_RECOMPUTED).exists()
