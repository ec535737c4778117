"""Staff are told when work arrives on their desk, and once a day what is due.

`tell_who_acts` is called by each app's event receiver (in the transaction that wrote the event):
everyone the policy lets take the next step is e-mailed, except whoever caused it. `daily_digest`
(`xxgk send_digest`, scheduled each morning by the worker) e-mails each person the items of their 我的待办 that are
overdue or due within three working days, once a day."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from xxgk.core.links import absolute
from xxgk.notify.models import Channel, Message
from xxgk.notify.services import queue, robot_for
from xxgk.org.models import Institution
from xxgk.org.policy import allowed, holders
from xxgk.workbench.todo import Task, tasks_for
from xxgk.workcalendar.calendar import current_calendar

DIGEST_WORKING_DAYS = 3


def tell_who_acts(obj, institution, task: Task, actions: Iterable[str], actor=None, department=None) -> int:
    """E-mail everyone who may now do one of `actions` to `obj` (once each, not `actor`), and post to the
    group robot of `department` when it has one and someone is told; how many people were told."""
    told: set[int] = set()
    for action in actions:
        for user in holders(action, obj, institution_id=institution.pk):
            if user.pk in told or user.pk == getattr(actor, "pk", None) or not user.email:
                continue
            told.add(user.pk)
            queue(
                "staff.work_arrived",
                institution=institution,
                to=user.email,
                about=obj,
                context={
                    "what": f"{task.kind}：{task.title}——{task.next_action}",
                    "due_on": task.due_on,
                    "link": absolute(task.url),
                },
            )
    robot = robot_for(department) if told else ""
    if robot:
        queue(
            "staff.work_arrived",
            institution=institution,
            to=robot,
            about=obj,
            channel=Channel.WEBHOOK,
            context={
                "what": f"{task.kind}：{task.title}——{task.next_action}",
                "due_on": task.due_on,
                "link": absolute(task.url),
            },
        )
    return len(told)


def _digest_rows(tasks: list[Task]) -> list[dict]:
    return [
        {
            "due_on": t.due_on,
            "provisional": t.provisional,
            "kind": t.kind,
            "title": t.title,
            "next_action": t.next_action,
            "link": absolute(t.url),
        }
        for t in tasks
    ]


def daily_digest(today: date | None = None) -> int:
    """Queue one digest per person with work overdue or due soon (as of `today`); a person gets at most
    one a day, whatever `today` is given."""
    today = today or timezone.localdate()
    horizon = current_calendar().add(today, DIGEST_WORKING_DAYS).date
    sent = 0
    people = get_user_model().objects.filter(is_active=True, memberships__isnull=False).exclude(email="").distinct()
    for person in people.order_by("pk"):
        about = f"auth.user:{person.pk}"
        sent_today = Message.objects.filter(about=about, kind="staff.digest", created_at__date=timezone.localdate())
        if sent_today.exists():
            continue
        due = [t for t in tasks_for(person, today) if t.due_on is not None and t.due_on <= horizon]
        if not due:
            continue
        institution = allowed(person, "view_staff", Institution).order_by("pk").first()
        queue(
            "staff.digest",
            institution=institution,
            to=person.email,
            about=person,
            context={
                "person": person.get_full_name() or person.first_name or person.username,
                "tasks": _digest_rows(due),
                "today": today,
                "link": absolute(reverse("workbench:todo")),
            },
        )
        sent += 1
    return sent
