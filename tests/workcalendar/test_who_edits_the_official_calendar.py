"""The official calendar is deployment-wide: the platform administrator and the supervisor edit it, no school."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from xxgk.org.policy import can
from xxgk.workcalendar import services
from xxgk.workcalendar.models import CalendarOverride, YearArrangement


@pytest.mark.parametrize("name", ["office", "other_office", "drafter_a", "signer"])
def test_no_school_role_edits_the_official_calendar(world, name):
    person = getattr(world, name)
    assert not can(person, "edit_calendar")
    with pytest.raises(PermissionDenied):
        services.set_override(person, date(2027, 1, 4), is_workday=False, note="x")
    with pytest.raises(PermissionDenied):
        services.enter_arrangement(person, 2027, rest_days=[date(2027, 1, 1)], workdays=[], note="x")
    assert not CalendarOverride.objects.exists() and not YearArrangement.objects.exists()


def test_the_supervisor_and_the_platform_administrator_do(world, admin):
    assert can(world.supervisor, "edit_calendar") and can(admin, "edit_calendar")
    services.set_override(world.supervisor, date(2027, 1, 4), is_workday=False, note="依据")
    services.set_override(admin, date(2027, 1, 5), is_workday=False, note="依据")
    assert CalendarOverride.objects.count() == 2


def test_anonymous_does_not(db):
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), "edit_calendar")
