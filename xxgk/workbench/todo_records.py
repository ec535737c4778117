"""Records in the to-do list: drafts returned, review steps, publication; each due by the institution's
publication limit (N working days after the record was formed)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from xxgk.org.models import Department, Institution
from xxgk.org.policy import allowed
from xxgk.publishing.models import EventAction, Record, RecordState
from xxgk.workbench.todo import KIND_RECORD, Task, register, register_overseen
from xxgk.workcalendar.calendar import current_calendar

LIMIT = 200
OPEN = (RecordState.DRAFT, RecordState.IN_REVIEW, RecordState.RETURNED, RecordState.APPROVED)


def _next_action(action: str, record: Record) -> str:
    if action == "revise":
        return _("按退回意见修改后重新提交")
    if action == "publish":
        return _("发布")
    step = record.step.name if record.step_id else _("审核")
    return _("%(step)s：通过或退回") % {"step": step}


def _task(record: Record, action: str, calendar) -> Task:
    span = calendar.add(record.formed_on, record.institution.timeliness_days)
    return Task(
        kind=str(KIND_RECORD),
        title=record.title,
        url=reverse("workbench:record", args=[record.pk]),
        next_action=_next_action(action, record),
        due_on=span.date,
        provisional=not span.certain,
        where=record.department.name if record.department_id else "",
        waiting_since=record.state_changed_at,
        key=f"record:{record.pk}",
    )


WAITING = {"approve": Q(), "publish": Q(), "revise": Q(state=RecordState.RETURNED)}


@register
def records_waiting(user, today: date) -> list[Task]:
    calendar = current_calendar()
    tasks = []
    for action, on in WAITING.items():
        qs = allowed(user, action, Record).filter(on).select_related("department", "institution", "step")
        tasks += [_task(r, action, calendar) for r in qs.order_by("formed_on", "id")[:LIMIT]]
    return tasks


@register_overseen
def records_overdue(user, today: date) -> list[Task]:
    """Unpublished records past their publication limit in the departments the person oversees."""
    calendar = current_calendar()
    departments = allowed(user, "oversee", Department).values("pk")
    offices = allowed(user, "manage", Institution).values("pk")
    qs = (
        Record.objects.filter(state__in=OPEN, formed_on__lt=today)
        .filter(Q(department__in=departments) | Q(department__isnull=True, institution__in=offices))
        .select_related("department", "institution", "step")
        .order_by("formed_on", "id")
    )
    tasks = []
    for record in qs[:LIMIT]:
        task = _task(record, "approve", calendar)
        if task.overdue(today):
            tasks.append(replace(task, next_action=record.get_state_display()))
    return tasks


ARRIVING = {EventAction.SUBMITTED, EventAction.RESUBMITTED, EventAction.APPROVED, EventAction.RETURNED}


def record_event_saved(sender, instance, created, **kwargs) -> None:
    """A record moved to someone's desk: tell them (connected in WorkbenchConfig.ready)."""
    if not created or instance.action not in ARRIVING:
        return
    from xxgk.workbench.alerts import tell_who_acts

    record = instance.record
    calendar = current_calendar()
    for action in WAITING:
        tell_who_acts(
            record,
            record.institution,
            _task(record, action, calendar),
            [action],
            actor=instance.actor,
            department=record.department,
        )
