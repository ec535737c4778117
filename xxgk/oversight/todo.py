"""Letters and cases in the staff to-do list."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy

from xxgk.org.models import Department, Institution
from xxgk.org.policy import allowed
from xxgk.oversight.case_deadlines import answer_due
from xxgk.oversight.models import OPEN_STATES, Case, Letter, LetterAction, Outcome
from xxgk.oversight.next_steps import NEXT, next_step
from xxgk.oversight.rules import drafting_department
from xxgk.workbench.todo import Task, register, register_overseen
from xxgk.workcalendar.calendar import calendars

LETTER = gettext_lazy("来信")
CASE = gettext_lazy("举报、复议、诉讼")
LIMIT = 200


def _letter_task(letter: Letter, next_action: str) -> Task:
    dept = drafting_department(letter)
    return Task(
        kind=str(LETTER),
        title=f"{letter.query_code} {letter.subject}",
        url=reverse("oversight_staff:letter", args=[letter.pk]),
        next_action=str(next_action),
        due_on=letter.due_on,
        where=dept.name if dept else letter.mailbox.name,
        waiting_since=letter.received_on,
        key=f"oversight.letter:{letter.pk}",
    )


def _letters(qs):
    return qs.select_related("mailbox", "mailbox__department", "routed_department").order_by("due_on", "id")


@register
def letters_waiting(user, today: date) -> list[Task]:
    tasks = []
    for action, next_action in NEXT.items():
        tasks += [_letter_task(letter, next_action) for letter in _letters(allowed(user, action, Letter))[:LIMIT]]
    return tasks


@register
def cases_waiting(user, today: date) -> list[Task]:
    """Open cases for whoever manages them, by the answer deadline (a case already answered has none of
    ours and waits for the decision to be recorded)."""
    calendar = calendars()
    qs = (
        allowed(user, "manage", Case)
        .filter(outcome=Outcome.PENDING)
        .select_related("institution")
        .order_by("filed_on", "id")
    )
    tasks = []
    for case in qs[:LIMIT]:
        due = answer_due(case, calendar(case.institution))
        tasks.append(
            Task(
                kind=str(CASE),
                title=f"{case.get_kind_display()}：{case.matter}",
                url=reverse("oversight_staff:case", args=[case.pk]),
                next_action=next_step(user, case),
                due_on=due.date if due else None,
                provisional=due.provisional if due else False,
                where=case.institution.short_name or case.institution.name,
                waiting_since=case.filed_on,
                key=f"oversight.case:{case.pk}",
            )
        )
    return tasks


@register_overseen
def letters_overdue(user, today: date) -> list[Task]:
    departments = allowed(user, "oversee", Department).values("pk")
    offices = allowed(user, "manage", Institution).values("pk")
    qs = Letter.objects.filter(state__in=OPEN_STATES, due_on__lt=today).filter(
        Q(routed_department__in=departments)
        | Q(routed_department__isnull=True, mailbox__department__in=departments)
        | Q(institution__in=offices)
    )
    return [_letter_task(letter, letter.get_state_display()) for letter in _letters(qs)[:LIMIT]]


ARRIVING = {
    LetterAction.RECEIVED,
    LetterAction.ROUTED,
    LetterAction.DIRECT,
    LetterAction.DRAFTED,
    LetterAction.APPROVED,
    LetterAction.RETURNED,
    LetterAction.CHECKED,
}


def letter_event_saved(sender, instance, created, **kwargs) -> None:
    """A letter moved to someone's desk: tell them (connected in OversightConfig.ready)."""
    if not created or instance.action not in ARRIVING:
        return
    from xxgk.workbench.alerts import tell_who_acts

    letter = instance.letter
    for action, next_action in NEXT.items():
        tell_who_acts(
            letter,
            letter.institution,
            _letter_task(letter, next_action),
            [action],
            actor=instance.actor,
            department=drafting_department(letter),
        )
