"""Changes to the working-day calendar.

The official calendar (overrides, a year's official arrangement) is deployment-wide: only the platform
administrator or the supervising authority edits it (`edit_calendar`). Each institution's office adds its
own closures, which move only that institution's deadlines ("manage" on the institution).

Every change sends `signals.calendar_changed` in its transaction, so the apps that store deadlines
(foi, oversight) recompute every open one and write an event on each object they move.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xxgk.core.audit import audit
from xxgk.org.policy import require
from xxgk.workcalendar.calendar import calendars, forget_arranged_years
from xxgk.workcalendar.models import CalendarOverride, InstitutionClosure, YearArrangement
from xxgk.workcalendar.signals import calendar_changed


def _required_note(note: str, message: str) -> str:
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": message})
    return note


def calendar_did_change(actor, reason: str, *, institution=None) -> dict[str, list]:
    """Tell the apps that store deadlines to recompute them on the calendar as it now is (inside the transaction).

    Returns what each receiver moved: its label (e.g. "依申请公开申请") → the objects whose deadline moved.
    """
    responses = calendar_changed.send(
        sender=CalendarOverride, actor=actor, institution=institution, reason=reason, calendar_for=calendars()
    )
    return {label: moved for _receiver, (label, moved) in responses}


@transaction.atomic
def set_override(actor, day: date, *, is_workday: bool, note: str) -> CalendarOverride:
    require(actor, "edit_calendar")
    note = _required_note(note, _("请说明依据，例如国务院办公厅的放假安排通知。"))
    override, _created = CalendarOverride.objects.update_or_create(
        date=day, defaults={"is_workday": is_workday, "note": note}
    )
    summary = _("设定 %(d)s 为%(kind)s") % {"d": day.isoformat(), "kind": _("工作日") if is_workday else _("休息日")}
    audit(actor, "calendar_override_set", override, summary, note=note)
    calendar_did_change(actor, summary)
    return override


@transaction.atomic
def remove_override(actor, override: CalendarOverride) -> None:
    require(actor, "edit_calendar")
    summary = _("删除 %(d)s 的覆盖") % {"d": override.date.isoformat()}
    audit(actor, "calendar_override_removed", override, summary)
    override.delete()
    calendar_did_change(actor, summary)


def _dates_of(year: int, days: Iterable[date], field: str) -> list[str]:
    out = sorted({d for d in days})
    wrong = [d for d in out if d.year != year]
    if wrong:
        raise ValidationError({field: _("%(d)s 不在 %(y)s 年。") % {"d": wrong[0].isoformat(), "y": year}})
    return [d.isoformat() for d in out]


def _arranged_years_changed() -> None:
    """The 暂定 badges read the entered years from the cache: forget them now and once committed."""
    forget_arranged_years()
    transaction.on_commit(forget_arranged_years)


@transaction.atomic
def enter_arrangement(
    actor, year: int, *, rest_days: Iterable[date], workdays: Iterable[date], note: str
) -> YearArrangement:
    """Enter (or replace) a year's official arrangement: its holidays and make-up workdays. The year becomes firm."""
    require(actor, "edit_calendar")
    note = _required_note(note, _("请写明依据，例如国务院办公厅关于该年部分节假日安排的通知及其文号。"))
    rest = _dates_of(year, rest_days, "rest_days")
    work = _dates_of(year, workdays, "workdays")
    if not rest:
        raise ValidationError({"rest_days": _("请填写该年的放假日期。")})
    both = sorted(set(rest) & set(work))
    if both:
        raise ValidationError({"workdays": _("%(d)s 不能既放假又上班。") % {"d": both[0]}})
    weekday_work = [d for d in work if date.fromisoformat(d).weekday() < 5]
    if weekday_work:
        raise ValidationError({"workdays": _("%(d)s 是周一至周五，本来就是工作日。") % {"d": weekday_work[0]}})
    arrangement, _created = YearArrangement.objects.update_or_create(
        year=year, defaults={"rest_days": rest, "workdays": work, "note": note}
    )
    summary = _("录入 %(y)s 年放假安排（放假 %(r)s 天，调休上班 %(w)s 天）") % {
        "y": year,
        "r": len(rest),
        "w": len(work),
    }
    audit(actor, "calendar_year_entered", arrangement, summary, note=note, rest_days=rest, workdays=work)
    _arranged_years_changed()
    calendar_did_change(actor, summary)
    return arrangement


@transaction.atomic
def remove_arrangement(actor, arrangement: YearArrangement) -> None:
    """Take a year's arrangement back out: the year is provisional again (statutory rules)."""
    require(actor, "edit_calendar")
    summary = _("删除 %(y)s 年放假安排") % {"y": arrangement.year}
    audit(actor, "calendar_year_removed", arrangement, summary)
    arrangement.delete()
    _arranged_years_changed()
    calendar_did_change(actor, summary)


@transaction.atomic
def add_closure(actor, institution, day: date, *, note: str) -> InstitutionClosure:
    """A day the institution is closed: a rest day for its own deadlines only."""
    require(actor, "manage", institution)
    note = _required_note(note, _("请说明闭校的原因和依据。"))
    if InstitutionClosure.objects.filter(institution=institution, date=day).exists():
        raise ValidationError({"date": _("这一天已经登记为闭校日。")})
    closure = InstitutionClosure.objects.create(institution=institution, date=day, note=note)
    summary = _("登记闭校日 %(d)s") % {"d": day.isoformat()}
    audit(actor, "calendar_closure_added", closure, summary, note=note)
    calendar_did_change(actor, summary, institution=institution)
    return closure


@transaction.atomic
def remove_closure(actor, closure: InstitutionClosure) -> None:
    require(actor, "manage", closure.institution)
    summary = _("删除闭校日 %(d)s") % {"d": closure.date.isoformat()}
    audit(actor, "calendar_closure_removed", closure, summary)
    institution = closure.institution
    closure.delete()
    calendar_did_change(actor, summary, institution=institution)


@transaction.atomic
def recompute_all(reason: str) -> dict[str, list]:
    """After the calendar package is upgraded (``xxgk recompute-deadlines``): every open deadline, recomputed."""
    return calendar_did_change(None, reason)
