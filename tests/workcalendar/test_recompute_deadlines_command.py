"""`xxgk recompute-deadlines` (after the calendar package is upgraded) fixes a stale stored due date."""

from datetime import date
from io import StringIO

from django.core.management import call_command

from tests.workcalendar.conftest import received
from xxgk.foi.models import Application, EventAction


def test_a_stale_due_date_is_recomputed_with_an_event(world):
    app = received(world.institution, date(2026, 12, 18))
    # what the weekend rule had stored before 2027 was computed by the statutory rules
    Application.objects.filter(pk=app.pk).update(due_on=date(2027, 1, 8), due_certain=False)
    out = StringIO()
    call_command("recompute_deadlines", stdout=out)
    app.refresh_from_db()
    assert app.due_on == date(2027, 1, 11)
    event = app.events.get(action=EventAction.DEADLINE_RECOMPUTED)
    assert event.actor is None and "日历包升级" in event.comment
    assert "依申请公开申请：1 件期限变动" in out.getvalue()
    call_command("recompute_deadlines", stdout=StringIO())
    assert app.events.filter(action=EventAction.DEADLINE_RECOMPUTED).count() == 1  # nothing moved the second time
