"""Applications in the staff to-do list: what the office or the department does next, by the answer deadline."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xxgk.foi.models import OPEN_STATES, Application, State
from xxgk.org.models import Department, Institution
from xxgk.org.policy import allowed
from xxgk.workbench.todo import Task, register, register_overseen

KIND = gettext_lazy("依申请公开")
LIMIT = 200

# (policy action, state) → the next step, in the words of the person who takes it
NEXT = {
    ("handle", State.RECEIVED): gettext_lazy("审查申请：转交部门、告知补正或直接拟写答复"),
    ("handle", State.AWAITING_CORRECTION): gettext_lazy("等待申请人补正；期限届满未补正的按视为放弃办结"),
    ("draft", State.ROUTED): gettext_lazy("拟写答复"),
    ("handle", State.DRAFTED): gettext_lazy("审批答复：通过或退回"),
    ("handle", State.APPROVED): gettext_lazy("发送答复并办结"),
}


def _task(app: Application, next_action: str) -> Task:
    waiting_for_applicant = app.state == State.AWAITING_CORRECTION
    due = app.correction_due_on if waiting_for_applicant else app.due_on
    if app.pauses.all() and any(p.ended_on is None for p in app.pauses.all()):
        next_action = _("征求第三方意见中（计时暂停）；收到意见后继续办理")
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
    for (action, state), next_action in NEXT.items():
        qs = allowed(user, action, Application).filter(state=state)
        qs = qs.select_related("department").prefetch_related("pauses").order_by("due_on", "id")
        tasks += [_task(app, next_action) for app in qs[:LIMIT]]
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
