"""An institution's own closure is a rest day for its deadlines only; its office edits it, no other school's."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from tests.workcalendar.conftest import received
from xxgk.foi.models import EventAction
from xxgk.workcalendar import services
from xxgk.workcalendar.calendar import calendar_for, current_calendar


def test_a_closure_moves_only_that_institutions_deadlines(world):
    ours = received(world.institution, date(2026, 11, 30))
    theirs = received(world.other_institution, date(2026, 11, 30))
    assert ours.due_on == theirs.due_on == date(2026, 12, 21)

    closure = services.add_closure(world.office, world.institution, date(2026, 12, 8), note="台风停课")

    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert ours.due_on == date(2026, 12, 22)
    assert theirs.due_on == date(2026, 12, 21)
    assert ours.events.get(action=EventAction.DEADLINE_RECOMPUTED).data["due_on"] == ["2026-12-21", "2026-12-22"]
    assert not theirs.events.filter(action=EventAction.DEADLINE_RECOMPUTED).exists()
    assert not calendar_for(world.institution).is_workday(date(2026, 12, 8))
    assert calendar_for(world.other_institution).is_workday(date(2026, 12, 8))
    assert current_calendar().is_workday(date(2026, 12, 8))

    services.remove_closure(world.office, closure)
    ours.refresh_from_db()
    assert ours.due_on == date(2026, 12, 21)


def test_a_new_application_counts_the_closure(world):
    services.add_closure(world.office, world.institution, date(2026, 12, 8), note="台风停课")
    assert received(world.institution, date(2026, 11, 30)).due_on == date(2026, 12, 22)


def test_only_its_own_office_adds_a_closure(world):
    with pytest.raises(PermissionDenied):
        services.add_closure(world.other_office, world.institution, date(2026, 12, 8), note="x")
    with pytest.raises(PermissionDenied):
        services.add_closure(world.supervisor, world.institution, date(2026, 12, 8), note="x")
    closure = services.add_closure(world.office, world.institution, date(2026, 12, 8), note="台风停课")
    with pytest.raises(PermissionDenied):
        services.remove_closure(world.other_office, closure)
