"""The office edits the working-day override table (deployment-wide: it corrects the national calendar)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xxgk.core.audit import audit
from xxgk.org.policy import require
from xxgk.workcalendar.models import CalendarOverride


def _require_office(actor) -> None:
    require(actor, "edit_calendar")


@transaction.atomic
def set_override(actor, day: date, *, is_workday: bool, note: str) -> CalendarOverride:
    _require_office(actor)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("请说明依据，例如国务院办公厅的放假安排通知。")})
    override, _created = CalendarOverride.objects.update_or_create(
        date=day, defaults={"is_workday": is_workday, "note": note}
    )
    audit(
        actor,
        "calendar_override_set",
        override,
        _("设定 %(d)s 为%(kind)s") % {"d": day.isoformat(), "kind": _("工作日") if is_workday else _("休息日")},
        note=note,
    )
    return override


@transaction.atomic
def remove_override(actor, override: CalendarOverride) -> None:
    _require_office(actor)
    audit(actor, "calendar_override_removed", override, _("删除 %(d)s 的覆盖") % {"d": override.date.isoformat()})
    override.delete()
