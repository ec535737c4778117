"""The working-day calendar as this deployment sees it: official data, entered year arrangements and the
overrides, plus, for one institution, its own closures."""

from __future__ import annotations

from xxgk.workdays import Calendar


def _deployment_tables() -> tuple[dict, dict]:
    from xxgk.workcalendar.models import CalendarOverride, YearArrangement

    overrides = dict(CalendarOverride.objects.values_list("date", "is_workday"))
    arrangements = {a.year: a.days() for a in YearArrangement.objects.all()}
    return overrides, arrangements


def current_calendar() -> Calendar:
    """The deployment's calendar (no institution's closures): two queries."""
    overrides, arrangements = _deployment_tables()
    return Calendar(overrides, arrangements=arrangements)


def calendar_for(institution) -> Calendar:
    """The calendar an institution's deadlines are counted on: the deployment's plus its closures."""
    from xxgk.workcalendar.models import InstitutionClosure

    overrides, arrangements = _deployment_tables()
    closures = dict(InstitutionClosure.objects.filter(institution=institution).values_list("date", "note"))
    return Calendar(overrides, arrangements=arrangements, closures=closures)


def calendars() -> object:
    """A memoising ``calendar_for``: one Calendar per institution, the deployment tables read once."""
    from xxgk.workcalendar.models import InstitutionClosure

    overrides, arrangements = _deployment_tables()
    made: dict = {}

    def for_institution(institution) -> Calendar:
        key = getattr(institution, "pk", institution)
        if key not in made:
            closures = dict(InstitutionClosure.objects.filter(institution_id=key).values_list("date", "note"))
            made[key] = Calendar(overrides, arrangements=arrangements, closures=closures)
        return made[key]

    return for_institution


def overrides():
    """The override rows, in date order (a queryset)."""
    from xxgk.workcalendar.models import CalendarOverride

    return CalendarOverride.objects.all()


def arrangements():
    """The entered year arrangements, by year (a queryset)."""
    from xxgk.workcalendar.models import YearArrangement

    return YearArrangement.objects.all()


def closures(institution):
    """One institution's closures, in date order (a queryset)."""
    from xxgk.workcalendar.models import InstitutionClosure

    return InstitutionClosure.objects.filter(institution=institution)


_ARRANGED_KEY = "workcalendar:arranged-years"


def arranged_years() -> frozenset[int]:
    """The years whose official arrangement has been entered (cached a minute; cleared when one is entered)."""
    from django.core.cache import cache

    from xxgk.workcalendar.models import YearArrangement

    years = cache.get(_ARRANGED_KEY)
    if years is None:
        years = frozenset(YearArrangement.objects.values_list("year", flat=True))
        cache.set(_ARRANGED_KEY, years, 60)
    return years


def forget_arranged_years() -> None:
    from django.core.cache import cache

    cache.delete(_ARRANGED_KEY)


def is_provisional(day) -> bool:
    """Whether a date shown as a deadline is 暂定: its year is after the official data and no arrangement is entered.

    (A deadline rests on the days from its start to itself, so its own year decides.)
    """
    from xxgk.workdays import official_years

    year = getattr(day, "year", None)
    if year is None:
        return False
    years = official_years()
    return bool(years) and year > years[1] and year not in arranged_years()


def provisional_suffix(day) -> str:
    """ "（暂定）" after a provisional date printed in a letter or notice, else ""."""
    from django.utils.translation import gettext

    return gettext("（暂定）") if is_provisional(day) else ""
