"""Applications in the staff to-do list: what the office or the department does next, by the answer deadline."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy

from xxgk.foi.models import OPEN_STATES, Application, EventAction, State
from xxgk.foi.next_steps import NEXT, PAUSED, is_paused, next_step
from xxgk.org.models import Department, Institution
from xxgk.org.policy import allowed
from xxgk.workbench.todo import Task, register, register_overseen

KIND = gettext_lazy("依申请公开")
LIMIT = 200


def _task(app: Application, next_action: str) -> Task:
    waiting_for_applicant = app.state == State.AWAITING_CORRECTION
    due = app.correction_due_on if waiting_for_applicant else app.due_on
    if is_paused(app):
        next_action = PAUSED
    where = app.department.name if app.department_id else ""
    return Task(
        kind=str(KIND),
        title=f"{app.code} {app.title}",
        url=reverse("foi_staff:detail", args=[app.pk]),
        next_action=str(next_action),
        due_on=due,
        provisional=not app.due_certain,
        where=where,
        waiting_since=app.received_on,
        key=f"foi.application:{app.pk}",
    )


@register
def applications_waiting(user, today: date) -> list[Task]:
    tasks = []
    for action, state in NEXT:
        qs = allowed(user, action, Application).filter(state=state)
        qs = qs.select_related("department", "reply").prefetch_related("pauses").order_by("due_on", "id")
        tasks += [_task(app, next_step(user, app)) for app in qs[:LIMIT]]
    return tasks


@register_overseen
def applications_overdue(user, today: date) -> list[Task]:
    """Open applications past their answer deadline in the departments or institutions the person oversees."""
    departments = allowed(user, "oversee", Department).values("pk")
    offices = allowed(user, "manage", Institution).values("pk")
    qs = (
        Application.objects.filter(state__in=OPEN_STATES, due_on__lt=today)
        .filter(Q(department__in=departments) | Q(institution__in=offices))
        .select_related("department")
        .prefetch_related("pauses")
        .order_by("due_on", "id")
    )
    return [_task(app, app.get_state_display()) for app in qs[:LIMIT]]


ARRIVING = {
    EventAction.SUBMITTED,
    EventAction.REGISTERED,
    EventAction.SUPPLEMENTED,
    EventAction.CONSULTATION_ENDED,
    EventAction.ROUTED,
    EventAction.DRAFTED,
    EventAction.RETURNED,
    EventAction.APPROVED,
}


def application_event_saved(sender, instance, created, **kwargs) -> None:
    """An application moved to someone's desk: tell them (connected in FoiConfig.ready)."""
    if not created or instance.action not in ARRIVING:
        return
    from xxgk.workbench.alerts import tell_who_acts

    app = instance.application
    for (action, state), next_action in NEXT.items():
        if app.state == state and state != State.AWAITING_CORRECTION:
            tell_who_acts(
                app, app.institution, _task(app, next_action), [action], actor=instance.actor, department=app.department
            )
